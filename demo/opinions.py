"""The demo's 民意池: a liaison station per district, their staff, receptions every quarter, citizens'
opinions triaged every way (answered, referred and answered by units, kept, declined, merged, turned
into suggestions), citizens' ratings, and the 专门委员会 with their fields and supervision.

Everything goes through ``opinions.services``, each action on its own past day (``clock.on``).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User

from accounts import roles
from demo import catalog
from demo.clock import Clock
from demo.office import Office
from deputies.models import Deputy
from opinions import services
from opinions.models import Committee, CommitteeField, CommitteeMember, Opinion, Station
from proposals.models import Proposal
from proposals.models.proposal import ProposalState
from proposals.services import proposal_submit

SEED = 20260113
STATION_LOGIN = "station"
COMMITTEE_LOGIN = "committee"

# (delegation, station, area, staff name)
STATIONS = (
    ("城关区代表团", "城关区东门街道代表联络站", "城关区", "林小燕"),
    ("东湖区代表团", "东湖区湖滨街道代表联络站", "东湖区", "周雅琴"),
    ("西山区代表团", "西山区西山街道代表联络站", "西山区", "吴国强"),
    ("南江区代表团", "南江区江南街道代表联络站", "南江区", "郑丽君"),
    ("北塘区代表团", "北塘区北塘镇代表联络站", "北塘区", "何建明"),
    ("高新区代表团", "高新区创新社区代表联络站", "高新区", "宋佳"),
    ("清河县代表团", "清河县城关镇代表联络站", "清河县", "唐秀梅"),
)

STREETS = {
    "城关区": "东门路",
    "东湖区": "湖滨路",
    "西山区": "西山大道",
    "南江区": "江南路",
    "北塘区": "北塘老街",
    "高新区": "创新二路",
    "清河县": "城关镇文化路",
}

# (committee, fields, member's name); the first is the demo login's.
COMMITTEES = (
    ("城乡建设环境保护委员会", ("城乡建设", "生态环境", "交通"), "黄志刚"),
    ("教育科学文化卫生委员会", ("教育", "医疗卫生", "文化旅游"), "谢文静"),
    ("财政经济委员会", ("经济发展", "农业农村"), "梁振华"),
    ("社会建设委员会", ("社会保障", "公共安全"), "冯玉兰"),
)

# (topic, field, [what citizens say]) — the same topic comes back from several people and places.
TOPICS = (
    (
        "elevator",
        "城乡建设",
        (
            "我们小区是九十年代建的六层楼，没有电梯，老人上下楼非常困难，希望政府支持老旧小区加装电梯。",
            "老旧小区加装电梯审批手续太多，一楼住户意见大，希望街道出面协调，并明确补贴标准。",
            "家里老人腿脚不便，住在五楼，几个月没下楼了，盼望小区早日加装电梯。",
        ),
    ),
    (
        "parking",
        "交通",
        (
            "小区周边停车难，晚上车辆停满人行道，行人只能走机动车道，希望增设停车位。",
            "老小区没有停车位，车辆乱停堵住消防通道，存在安全隐患，希望规划建设立体停车场。",
        ),
    ),
    (
        "streetlight",
        "城乡建设",
        (
            "新民路一段路灯坏了两个多月，晚上出行很不安全，希望尽快修复。",
            "背街小巷没有路灯，晚上下班回家一片漆黑，希望增设路灯。",
        ),
    ),
    (
        "school",
        "教育",
        (
            "学校门口早晚接送时段交通拥堵严重，希望增设临时停车区并安排护学岗。",
            "孩子就近入学学位紧张，片区新建楼盘多，希望加快配套小学建设。",
        ),
    ),
    (
        "bus",
        "交通",
        (
            "新开发的居住区没有公交线路，居民出行只能打车，希望开通公交线路或增设站点。",
            "公交站台没有遮雨棚和座椅，老人候车很辛苦，希望改造站台。",
        ),
    ),
    (
        "river",
        "生态环境",
        (
            "小区旁边的河道夏天发黑发臭，疑似有生活污水直排，希望彻底整治。",
            "河道两岸垃圾多，没人清理，希望加强河道保洁。",
        ),
    ),
    (
        "elderly",
        "社会保障",
        (
            "社区老年人多，希望开办社区老年食堂，解决独居老人吃饭难的问题。",
            "希望增加社区养老服务站的日间照料床位，方便失能老人家属上班。",
        ),
    ),
    (
        "clinic",
        "医疗卫生",
        (
            "社区卫生服务中心药品种类少，很多慢性病药要去大医院开，希望增加常用药品目录。",
            "希望社区医院开设夜间门诊，方便上班族看病。",
        ),
    ),
    (
        "market",
        "经济发展",
        (
            "菜市场周边占道经营严重，早晚高峰车辆难以通行，希望规范管理。",
            "农贸市场设施陈旧，雨天地面积水，希望升级改造。",
        ),
    ),
    (
        "farm",
        "农业农村",
        (
            "村里的灌溉渠年久失修，漏水严重，影响春耕，希望安排资金维修。",
            "希望帮助村里对接农产品销售渠道，去年柑橘滞销损失不小。",
        ),
    ),
    (
        "noise",
        "公共安全",
        (
            "夜间渣土车在居民区附近高速行驶，噪音大还有安全隐患，希望加强管控。",
            "小区附近工地夜间施工噪音扰民，多次反映没有改善。",
        ),
    ),
    ("culture", "文化旅游", ("社区文化活动中心开放时间太短，希望周末和晚上也能开放。",)),
)

ANSWERS = {
    "streetlight": "已联系街道市政管理所，路灯已于三日内修复，并将背街小巷照明纳入年度改造计划。",
    "culture": "经与街道沟通，社区文化活动中心自下月起周末和工作日晚上开放至21时。",
    "elderly": "街道已在社区服务中心开设老年助餐点，独居老人可凭老年证就餐并享受补贴。",
    "clinic": "已向区卫健局反映，社区卫生服务中心将增加高血压、糖尿病常用药品种，并试行延时门诊。",
}
UNIT_FOR = {
    "城乡建设": "unit",
    "交通": "jtj",
    "教育": "jyj",
    "生态环境": "sthj",
    "社会保障": "mzj",
    "医疗卫生": "wjw",
    "经济发展": "scj",
    "农业农村": "nyj",
    "公共安全": "gaj",
    "文化旅游": "wlj",
}
UNIT_ANSWERS = {
    "parking": "我局已将该片区纳入停车设施补短板计划，拟利用闲置地块建设临时停车场，预计年内投用。",
    "river": "经现场排查，已封堵两处雨污混接口，河道保洁频次提高到每日一次，将持续监测水质。",
    "school": "已协调交警部门在上下学时段设置临时停车区，学校安排教师和家长志愿者护学。",
    "bus": "已组织线路调研，拟于下季度调整线路并在该居住区增设站点，站台改造已列入计划。",
    "market": "已会同街道开展集中整治，划定临时疏导点，占道经营明显减少，将建立长效管理机制。",
    "farm": "已安排专项资金对灌溉渠进行维修，春耕前完工；同时对接电商平台帮助销售农产品。",
    "noise": "已加强夜间巡查，对违规夜间施工立案查处，渣土车限速和路线已重新划定。",
    "elevator": "我局正在修订加装电梯补助办法，简化审批流程，并将在试点小区召开协调会。",
    "streetlight": "已安排市政部门修复，并将在背街小巷新增路灯。",
    "clinic": "已督促社区卫生服务中心调整药品目录，并研究夜间门诊的人员配置。",
    "elderly": "已将社区老年食堂纳入明年民生实事项目，先行在两个社区试点。",
    "culture": "已要求社区文化活动中心延长开放时间。",
}


@dataclass
class OpinionsDemo:
    stations: list[Station]
    opinions: int
    created_logins: list[str]


def _login(username: str, name: str, role: str, password: str, created: list[str]) -> User:
    user, made = User.objects.get_or_create(username=username, defaults={"first_name": name, "password": password})
    if made:
        created.append(username)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def _quarter_starts(today: dt.date) -> list[dt.date]:
    """The first days of the current quarter and the three before it, oldest first."""
    year, month = today.year, (today.month - 1) // 3 * 3 + 1
    starts = []
    for _ in range(4):
        starts.append(dt.date(year, month, 1))
        year, month = (year, month - 3) if month > 3 else (year - 1, 10)
    return starts[::-1]


class OpinionsTeller:
    def __init__(self, *, office: Office, clock: Clock, today: dt.date) -> None:
        self.office, self.clock, self.today = office, clock, today
        self.rng = random.Random(SEED)
        self.password = make_password(catalog.PASSWORD)
        self.created: list[str] = []

    def build(self) -> OpinionsDemo:
        stations = self._stations()
        self._committees()
        for station, staff, deputies in stations:
            self._receptions(station, staff, deputies)
        count = sum(self._opinions(s, staff, deputies, index=i) for i, (s, staff, deputies) in enumerate(stations))
        self._suggestions(stations)
        self._supervision()
        return OpinionsDemo(stations=[s for s, _, _ in stations], opinions=count, created_logins=self.created)

    def _stations(self) -> list[tuple[Station, User, list[Deputy]]]:
        out = []
        for index, (delegation, name, area, person) in enumerate(STATIONS, start=1):
            deputies = [d for d in self.office.deputies if d.delegation and d.delegation.name == delegation]
            station = Station.objects.filter(name=name).first() or services.station_create(
                name=name, area=area, address=f"{area}人民路{index * 11}号党群服务中心二楼", deputies=deputies
            )
            username = STATION_LOGIN if index == 1 else f"station{index:02d}"
            staff = _login(username, person, roles.STATION_STAFF, self.password, self.created)
            if not hasattr(staff, "station_staff"):
                services.station_staff_add(station=station, user=staff)
            out.append((station, staff, deputies))
        return out

    def _committees(self) -> None:
        for index, (name, fields, person) in enumerate(COMMITTEES, start=1):
            committee = Committee.objects.get_or_create(name=name)[0]
            for field in fields:
                CommitteeField.objects.get_or_create(committee=committee, field=field)
            username = COMMITTEE_LOGIN if index == 1 else f"committee{index:02d}"
            user = _login(username, person, roles.COMMITTEE, self.password, self.created)
            CommitteeMember.objects.get_or_create(user=user, defaults={"committee": committee})

    def _receptions(self, station: Station, staff: User, deputies: list[Deputy]) -> None:
        """Two receptions a quarter, a few deputies each; in the current quarter one deputy has not come yet."""
        starts = _quarter_starts(self.today)
        for start in starts:
            current = start == starts[-1]
            pool = deputies[:-1] if current else deputies
            for week in (2, 8):
                day = min(start + dt.timedelta(weeks=week, days=self.rng.randint(0, 4)), self.today)
                present = self.rng.sample(pool, k=min(len(pool), self.rng.randint(2, 3)))
                with self.clock.on(day):
                    services.reception_record(
                        by=staff,
                        station=station,
                        held_on=day,
                        deputies=present,
                        visitors=self.rng.randint(6, 28),
                        topic=self.rng.choice(
                            (
                                "听取群众对民生实事项目的意见",
                                "老旧小区改造",
                                "社区治理",
                                "营商环境",
                                "交通出行",
                                "养老服务",
                            )
                        ),
                    )

    def _opinions(self, station: Station, staff: User, deputies: list[Deputy], *, index: int) -> int:
        """About a dozen opinions over the year, triaged in turn, and a burst of three on the same street lights."""
        by_key = {t[0]: t for t in TOPICS}
        forced = {0: ["elevator", "elevator", "elevator"], 1: ["parking", "parking"]}.get(index, [])
        others = self.rng.sample([t for t in TOPICS if t[0] not in ("elevator", "parking")], k=6)
        chosen = [by_key[k] for k in forced] + others + self.rng.sample(others, k=4)
        span = 320
        start = self.today - dt.timedelta(days=span)
        specs = sorted(
            ((start + dt.timedelta(days=self.rng.randint(0, span)), n, topic) for n, topic in enumerate(chosen)),
            key=lambda spec: (spec[0], spec[1]),
        )
        for received, n, (topic, field, texts) in specs:
            deputy = self.rng.choice(deputies)
            source = self.rng.choice(("reception", "reception", "online", "deputy_code", "letter", "other"))
            if topic in ("elevator", "parking"):
                source = "reception"
            actor = deputy.user if source == "deputy_code" else staff
            opinion = self._record(station, actor, deputy, texts[n % len(texts)], field, source, received)
            self._triage(opinion, topic=topic, actor=actor)
        self._burst(station, staff, deputies)
        # This week's opinions wait for triage.
        topic, field, texts = self.rng.choice([t for t in TOPICS if t[0] not in ("elevator", "parking")])
        received = self.today - dt.timedelta(days=self.rng.randint(0, 6))
        self._record(station, staff, self.rng.choice(deputies), self.rng.choice(texts), field, "reception", received)
        return len(specs) + 4

    def _record(self, station, actor, deputy, content, field, source, received) -> Opinion:
        with self.clock.on(received):
            return services.opinion_record(
                by=actor,
                content=content,
                citizen_name=self.rng.choice(("", "王先生", "李阿姨", "赵大爷", "陈女士", "刘先生", "孙师傅")),
                citizen_phone=f"13{self.rng.randint(5, 9)}{self.rng.randint(10000000, 99999999)}",
                field=field,
                area=station.area,
                source=source,
                station=None if source == "deputy_code" else station,
                deputy=deputy,
                received_on=received,
            )

    def _burst(self, station: Station, staff: User, deputies: list[Deputy]) -> None:
        """Three residents report the same dark street within days; the station merges and answers them once."""
        first = self.today - dt.timedelta(days=self.rng.randint(30, 90))
        street = STREETS[station.area]
        texts = (
            f"{street}一段路灯坏了两个多月，晚上出行很不安全，希望尽快修复。",
            f"{street}的路灯不亮，老人晚上不敢出门散步，请有关部门尽快修好。",
            f"{street}夜里一片漆黑，前几天有人在路口摔倒，希望尽快修复路灯。",
        )
        burst = [
            self._record(
                station, staff, self.rng.choice(deputies), text, "城乡建设", "reception", first + dt.timedelta(days=i)
            )
            for i, text in enumerate(texts)
        ]
        day = first + dt.timedelta(days=3)
        with self.clock.on(day):
            services.opinions_merge(
                head=burst[0], others=burst[1:], by=staff, reason="反映的是同一路段的路灯问题", on=day
            )
            services.opinion_answer(
                opinion=burst[0],
                by=staff,
                answer=ANSWERS["streetlight"],
                reason="属街道市政管理职责，已当场协调",
                on=day + dt.timedelta(days=1),
            )
        for o in burst:
            o.refresh_from_db()
            self._rate(o, day + dt.timedelta(days=1))

    def _triage(self, opinion: Opinion, *, topic: str, actor: User) -> None:
        age = (self.today - opinion.received_on).days
        if age < 10 or topic in ("elevator", "parking"):
            return  # still 待处置, or left for the suggestions below
        day = min(opinion.received_on + dt.timedelta(days=self.rng.randint(1, 6)), self.today)
        roll = self.rng.random()
        with self.clock.on(day):
            if topic in ANSWERS and roll < 0.6:
                services.opinion_answer(
                    opinion=opinion, by=actor, answer=ANSWERS[topic], reason="属街道和社区职责，已当场协调", on=day
                )
                self._rate(opinion, day)
                return
            if roll < 0.08:
                services.opinion_decline(
                    opinion=opinion, by=actor, reason="所反映事项已进入诉讼程序，不属于代表联络站受理范围", on=day
                )
                return
            if roll < 0.2:
                services.opinion_keep(opinion=opinion, by=actor, reason="作为代表调研和提出建议的参考", on=day)
                return
            unit = self.office.units.get(UNIT_FOR.get(opinion.field, "unit")) or self.office.units["unit"]
            referral = services.opinion_refer(
                opinion=opinion,
                by=actor,
                unit=unit,
                reason="属职能部门职责，转交办理",
                on=day,
                request="请核实情况并答复，答复内容将反馈群众。",
            )
        answered = day + dt.timedelta(days=self.rng.randint(7, 35))
        if answered < self.today - dt.timedelta(days=3) and self.rng.random() < 0.75:
            with self.clock.on(answered):
                services.referral_answer(
                    referral=referral,
                    by=self.office.handler(unit),
                    answer=UNIT_ANSWERS.get(topic, "已研究办理。"),
                    on=answered,
                )
            opinion.refresh_from_db()
            self._rate(opinion, answered)

    def _rate(self, opinion: Opinion, day: dt.date) -> None:
        if self.rng.random() < 0.6:
            with self.clock.on(min(day + dt.timedelta(days=2), self.today)):
                services.opinion_rate(
                    opinion=opinion, result=self.rng.choice(("satisfied", "satisfied", "basic", "unsatisfied"))
                )

    def _suggestions(self, stations) -> None:
        """The demo deputy drafts a suggestion from her station's elevator opinions; a deputy of the second
        station has submitted one about parking."""
        day = self.today - dt.timedelta(days=2)
        (first, _, _), (second, _, second_deputies) = stations[0], stations[1]
        demo = self.office.demo_deputy
        elevator = list(first.opinions.filter(state="new", content__contains="电梯", received_on__lte=day))
        if elevator:
            lines = "\n".join(f"{i}. {o.content}" for i, o in enumerate(elevator, 1))
            with self.clock.on(day):
                services.opinions_to_suggestion(
                    opinions=elevator,
                    by=demo.user,
                    title="关于加快推进老旧小区加装电梯的建议",
                    content=f"一、群众反映的问题\n{lines}\n\n二、具体建议\n"
                    "一是简化加装电梯审批流程；二是明确财政补贴标准；三是建立低层住户利益协调机制。",
                    field="城乡建设",
                    reason="问题具有普遍性，需要市级层面统筹推进",
                    on=day,
                )
        parking = list(second.opinions.filter(state="new", content__contains="停车", received_on__lte=day))
        if parking:
            lead = second_deputies[0]
            with self.clock.on(day):
                proposal = services.opinions_to_suggestion(
                    opinions=parking,
                    by=lead.user,
                    title="关于缓解老旧小区停车难问题的建议",
                    content="群众多次反映老旧小区停车难、车辆占用人行道和消防通道。"
                    "建议利用闲置地块建设立体停车场，推行错时共享停车。",
                    field="交通",
                    reason="群众反映集中，需要职能部门统筹解决",
                    on=day,
                )
            with self.clock.on(self.today):
                proposal_submit(proposal=proposal, by=lead.user, disclosure="agree")

    def _supervision(self) -> None:
        committee_user = User.objects.get(username=COMMITTEE_LOGIN)
        fields = list(committee_user.committee_member.committee.fields.values_list("field", flat=True))
        with self.clock.on(self.today):
            for opinion in Opinion.objects.filter(field__in=fields, state="referred").order_by("received_on")[:3]:
                services.committee_supervise_opinion(opinion=opinion, by=committee_user)
            item = (
                Proposal.objects.filter(field__in=fields, state__in=[ProposalState.HANDLING, ProposalState.ASSIGNED])
                .order_by("submitted_on", "pk")
                .first()
            )
            if item is not None:
                services.committee_supervise_suggestion(proposal=item, by=committee_user, note="跟踪办理进度和落实情况")
