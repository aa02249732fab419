"""`foia-desk gui` (the default command): open the desktop window.

The window itself lives in foia_desk.gui.launch (the only package that imports Qt), imported
inside :func:`run` so that ``foia-desk --help`` and the other commands never load Qt.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "gui", help="open the FOIA Desk window (the default when no command is given)",
        description="Open the FOIA Desk window.")
    parser.add_argument("--open", metavar="FILE",
                        help="load this article file (text, Markdown, web page, .docx or PDF)")
    parser.add_argument("--quit-after-load", action="store_true",
                        help="load the article, show the window, then exit (for testing "
                             "an installation)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from foia_desk.paths import apply_chosen_data_folder

    apply_chosen_data_folder()
    from foia_desk.gui.launch import launch

    return launch(args.open, args.quit_after_load)
