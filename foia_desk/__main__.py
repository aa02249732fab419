"""Allow ``python -m foia_desk``."""

import sys

from foia_desk.cli import main

sys.exit(main())
