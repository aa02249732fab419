"""`foia-desk profiles`: list, show, add and remove saved requester profiles."""

from __future__ import annotations

import argparse
import json
from typing import Any


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("profiles", help="manage requester profiles")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list saved profiles")
    listing.add_argument("--json", action="store_true", help="print JSON")
    show = actions.add_parser("show", help="show one saved profile")
    show.add_argument("name", help="profile name (see profiles list)")
    show.add_argument("--json", action="store_true", help="print JSON")
    from foia_desk.profiles import CATEGORIES, EXAMPLE_PROFILE

    add = actions.add_parser(
        "add", help="save a profile from a TOML file",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="A profile file looks like this; requester_category is one of\n"
               + ", ".join(CATEGORIES) + ".\n\n" + EXAMPLE_PROFILE)
    add.add_argument("--from", dest="source", metavar="FILE", required=True,
                     help="the profile TOML file to save")
    add.add_argument("--force", action="store_true", help="replace a saved profile of that name")
    remove = actions.add_parser("remove", help="delete a saved profile")
    remove.add_argument("name", help="profile name (see profiles list)")
    parser.set_defaults(func=run)


def _summary(profile: Any) -> dict[str, Any]:
    return {"name": profile.name, "organization": profile.organization,
            "requester_category": profile.requester_category, "email": profile.email}


def run(args: argparse.Namespace) -> int:
    from foia_desk import profiles

    if args.action == "list":
        rows = profiles.list_profiles()
        if args.json:
            out = []
            for path, loaded in rows:
                entry = {"file": str(path), "id": path.stem}
                if isinstance(loaded, profiles.RequesterProfile):
                    entry.update(_summary(loaded))
                else:
                    entry["error"] = str(loaded)
                out.append(entry)
            print(json.dumps(out, indent=2, ensure_ascii=False))
            return 0
        if not rows:
            print("No saved profiles. Add one with 'foia-desk profiles add --from FILE'.")
        for path, loaded in rows:
            if isinstance(loaded, profiles.RequesterProfile):
                org = f" ({loaded.organization})" if loaded.organization else ""
                print(f"{path.stem}: {loaded.name}{org}, {loaded.category_label}")
            else:
                print(f"{path.stem}: cannot be read: {loaded}")
        return 0
    if args.action == "show":
        path, profile = profiles.find_profile(args.name)
        if args.json:
            data = _summary(profile) | {"file": str(path)}
            print(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            print(f"# {path}")
            print(profiles.profile_to_toml(profile), end="")
        return 0
    if args.action == "add":
        profile = profiles.load_profile(args.source)
        path = profiles.save_profile(profile, overwrite=args.force)
        print(f"Saved profile '{path.stem}' ({profile.name}) to {path}")
        return 0
    path = profiles.remove_profile(args.name)
    print(f"Removed profile '{path.stem}' ({path})")
    return 0
