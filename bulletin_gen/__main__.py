import sys

from bulletin_gen.cli import main

# The guard matters: worker processes started with "spawn" (Windows, macOS)
# import this module again and must not run a second build.
if __name__ == "__main__":
    sys.exit(main())
