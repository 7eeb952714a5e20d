import sys

from bulletin_gen.cli import main

sys.exit(main())
