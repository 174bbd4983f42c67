"""The office staff workbench (/staff/): one module per concept."""
