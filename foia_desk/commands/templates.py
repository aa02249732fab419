"""`foia-desk templates`: list letter templates, built-in and your own."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "templates", help="list letter templates (built-in and your own)",
        description="List letter templates. Put your own NAME.md.j2 files in the user "
                    "templates folder (shown below) to add templates or override built-in ones.")
    parser.add_argument("--parts", action="store_true",
                        help="also list the building blocks under parts/")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from foia_desk.drafting import list_templates
    from foia_desk.paths import user_templates_dir

    infos = list_templates(include_parts=args.parts)
    if args.json:
        print(json.dumps({"user_templates_dir": str(user_templates_dir()),
                          "templates": [i.to_dict() for i in infos]}, indent=2))
        return 0
    width = max((len(i.name) for i in infos), default=4)
    for info in infos:
        kind = info.kind or "-"
        print(f"{info.name:<{width}}  {kind:<11}  {info.source:<26}  {info.description}")
    print(f"\nYour templates folder: {user_templates_dir()}")
    return 0
