import sys

from ecmguide.cli import main

sys.exit(main())
