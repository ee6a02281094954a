"""Demo data for this app, called by nextwork.demo.builder after the young people exist."""


def build(context) -> None:
    """`context` is a nextwork.demo.builder.DemoContext."""
