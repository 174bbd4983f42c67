"""Believable wording for the demo: the body of an item, replies, contacts, progress and requests."""

from __future__ import annotations

import datetime as dt
import random

from proposals.choices import Category, ContactMethod

BACKGROUND = {
    "城乡建设": "随着城市化进程加快，我市城市建成区面积不断扩大，但老城区基础设施老化、配套不足等问题日益突出，",
    "教育": "近年来我市教育事业取得长足发展，但随着城镇人口快速增长和群众对优质教育需求的提高，",
    "医疗卫生": "我市医疗卫生服务体系不断完善，但优质医疗资源总量不足、分布不均衡的问题仍然存在，",
    "交通": "随着机动车保有量持续增长，我市城区交通压力逐年加大，群众出行难的问题较为突出，",
    "生态环境": "我市生态环境质量总体持续改善，但部分领域的环境问题仍然是群众反映的热点，",
    "社会保障": "我市已进入人口老龄化快速发展阶段，困难群体和特殊群体的保障需求日益多样，",
    "经济发展": "当前我市经济运行总体平稳，但市场主体特别是中小微企业仍面临不少困难，",
    "农业农村": "实施乡村振兴战略以来，我市农业农村发展取得明显成效，但农业基础仍然薄弱，",
    "文化旅游": "我市历史文化资源丰富，但文化旅游资源的保护利用和产业融合发展水平还不高，",
    "公共安全": "随着城市规模扩大和新业态快速发展，我市公共安全领域面临的风险隐患点多面广，",
}

ASKS = (
    "加强统筹规划，制定专项工作方案，明确责任分工和完成时限",
    "加大财政资金投入，建立多元化投入机制，引导社会资本参与",
    "完善相关政策措施，简化审批流程，提高办事效率",
    "加强部门协同和监督检查，建立长效管理机制",
    "开展试点示范，总结推广好的经验做法",
    "畅通群众意见反映渠道，定期向社会公开工作进展",
)


def topic(title: str) -> str:
    """「关于加快推进老旧小区加装电梯工作的建议」→「加快推进老旧小区加装电梯工作」."""
    text = title.removeprefix("关于")
    for suffix in ("的建议", "的议案"):
        text = text.removesuffix(suffix)
    return text


def proposal_content(*, title: str, field: str, rng: random.Random) -> str:
    asks = rng.sample(ASKS, 3)
    return (
        f"{BACKGROUND.get(field, '')}群众对{topic(title)}的呼声较高。"
        "在走访调研中，不少群众反映相关问题长期得不到解决，影响了生产生活。\n"
        "为此建议：\n"
        f"一是{asks[0]}；\n二是{asks[1]}；\n三是{asks[2]}。"
    )


_REPLY_RESULT = {
    Category.A: "经认真研究并会同有关部门推进落实，您所提出的问题已经解决。具体情况如下：已制定专项工作方案并组织实施，"
    "相关项目已于近期完成，群众反映良好。",
    Category.B: "您提出的建议很有针对性，我们已将相关工作列入明年工作计划，正在制定实施方案，"
    "所需资金已纳入预算编制，计划分年度逐步推进解决。",
    Category.C: "您提出的问题客观存在，但受目前财力和用地等条件限制，短期内难以全面解决。"
    "我们将在编制下一阶段规划时统筹考虑，待条件成熟后逐步推进。",
    Category.D: "您的建议对改进我们的工作具有重要参考价值，我们将在今后研究制定相关政策时认真吸收采纳。",
}


def reply_body(*, title: str, deputy: str, unit: str, field: str, category: str, round_no: int) -> str:
    again = "经重新研究办理，" if round_no > 1 else ""
    return (
        f"{deputy}代表：\n"
        f"您提出的《{title}》收悉。{unit}高度重视，{again}由主要负责同志牵头组织办理，现答复如下：\n"
        f"一、基本情况。近年来，我们围绕{topic(title)}做了大量工作，取得了一定成效，但与群众期盼相比仍有差距。\n"
        f"二、办理情况。{_REPLY_RESULT[category]}\n"
        f"三、下一步工作。我们将继续加强与代表的沟通联系，健全长效机制，推动{field}工作取得新进展。\n"
        "感谢您对我们工作的关心和支持，欢迎继续提出宝贵意见。"
    )


CONTACT_SUMMARIES = {
    ContactMethod.MEETING: "与{deputy}代表当面沟通，详细了解建议的背景和具体诉求，介绍了初步办理思路，代表表示认可。",
    ContactMethod.FORUM: "召开建议办理座谈会，邀请{deputy}代表和相关部门、街道负责同志参加，共同研究解决办法。",
    ContactMethod.VISIT: "上门走访{deputy}代表，通报办理进展，听取代表对办理方案的意见建议。",
    ContactMethod.INSPECTION: "陪同{deputy}代表到现场视察调研，实地查看问题点位，现场研究整改措施。",
    ContactMethod.PHONE: "电话联系{deputy}代表，确认建议所涉具体点位和问题，约定下一步见面沟通时间。",
    ContactMethod.LETTER: "向{deputy}代表寄送办理情况说明，征求代表对答复初稿的意见。",
    ContactMethod.EMAIL: "通过电子邮件向{deputy}代表发送调研材料和办理方案征求意见稿。",
}

PROGRESS = (
    "已成立由分管负责同志牵头的办理工作专班，明确了承办科室和责任人。",
    "组织开展专题调研，实地走访相关街道、社区和企业，梳理形成问题清单。",
    "召开部门协调会，明确了各相关单位的职责分工和时间节点。",
    "办理方案初稿已形成，正在征求相关部门和代表意见。",
    "相关项目资金已纳入年度预算，正在开展前期工作。",
    "已完成第一批试点，正在总结经验，准备在全市推广。",
)

OPINIONS = (
    "我单位同意主办单位的办理意见。涉及我单位职责的部分，我们将在资金安排和政策支持方面予以积极配合。",
    "经研究，我单位将按职责做好相关配合工作，具体意见如下：一是加强信息共享；二是参与联合检查；三是做好政策衔接。",
    "我单位已按职责对建议涉及事项进行梳理，相关工作计划已提供主办单位统筹答复。",
)

UNSATISFIED_REASONS = (
    "答复内容较为笼统，未提出具体的解决措施和时间表，建议所反映的问题仍未得到实质性解决。",
    "承办单位未与代表进行面对面沟通，答复中的情况与实际不符，群众反映的问题依然存在。",
    "答复只讲困难，未明确下一步工作安排，希望承办单位重新研究，拿出切实可行的办法。",
)

SATISFIED_REMARKS = (
    "承办单位态度认真，沟通及时，问题得到较好解决。",
    "答复具体，措施可行，希望继续抓好落实。",
    "",
    "",
)

ADJUSTMENT_REASONS = (
    "经研究，该建议所涉事项主要属于{other}的职责范围，我单位不具备相应的管理职能，申请调整由{other}承办。",
    "该建议涉及的项目审批和资金安排不属于我单位职责，建议改由{other}主办。",
)

EXTENSION_REASONS = (
    "该建议涉及项目立项和资金安排，需报市政府常务会议研究审定，难以在规定期限内答复，申请延期答复。",
    "该建议涉及多个部门和区县，需开展联合调研并征求各方意见，申请延期答复。",
)

SUPERVISION_TEXTS = {
    "urge_near": "该件将于{due:%Y年%m月%d日}到期，请你单位抓紧办理，加强与代表沟通，按期答复代表。",
    "urge": "该件已超过答复期限（{due:%Y年%m月%d日}），请你单位抓紧办理，加强与代表沟通，并于反馈期限前报送办理情况。",
    "notice": "经催办该件仍未答复。请你单位主要负责同志亲自过问，于反馈期限前书面报告办理进展及答复时间。",
    "rectification": "该件经督办仍未按要求办理。请你单位对照代表建议和督办要求逐项整改，并于反馈期限前报送整改报告。",
}

ACKNOWLEDGEMENTS = (
    "已收悉。我局已召开专题会议研究，正在抓紧办理，将按期反馈。",
    "收到督办后已明确专人负责，预计两周内完成答复。",
)

MEETING_MESSAGES = (
    "希望承办单位负责同志能到现场与群众代表见面，共同研究解决办法。",
    "对答复初稿还有一些意见，希望能当面沟通。",
)


def doc_number(*, prefix: str, on: dt.date, serial: int) -> str:
    return f"{prefix}〔{on.year}〕{serial}号"


DONE_ITEMS = {
    Category.A: "已制定专项工作方案并组织实施，相关项目已完成验收，群众反映良好。",
    Category.B: "已完成前期调研和方案编制，相关资金已纳入预算。",
    Category.C: "已将相关问题纳入部门调研课题，梳理形成问题清单。",
    Category.D: "",
}

PLANNED = {
    Category.B: ("完成项目立项和招标工作", "组织实施并完成主体工程"),
    Category.C: ("在编制下一阶段专项规划时统筹考虑",),
}

NOT_ADOPTED = {
    Category.C: "受目前财力和用地等条件限制，短期内难以全面解决。",
    Category.D: "相关事项涉及上级政策调整，本单位暂不具备实施条件，已作为今后制定政策的参考。",
}

ADOPTION = {Category.A: "adopted", Category.B: "adopted", Category.C: "not_yet", Category.D: "reference"}


def planned_actions(*, category: str, replied_on) -> list[tuple[str, object]]:
    """The reply's 计划落实事项, due 3, 6, … months after the reply."""
    import datetime as dt

    out = []
    for n, text in enumerate(PLANNED.get(category, ()), start=1):
        out.append((text, replied_on + dt.timedelta(days=91 * n)))
    return out
