"""The command line every CLI test script takes (`--moat BINARY --root REPOSITORY`), shared by
the test scripts that import it: sets the module's MOAT and ROOT, then runs its unittest cases."""
import argparse
import os
import sys
import unittest


def main(module_name):
    module = sys.modules[module_name]
    parser = argparse.ArgumentParser(description=module.__doc__.splitlines()[0])
    parser.add_argument("--moat", required=True, help="path to the moat binary")
    parser.add_argument("--root", required=True, help="the repository root")
    opts, rest = parser.parse_known_args()
    module.MOAT = os.path.abspath(opts.moat)
    module.ROOT = os.path.abspath(opts.root)
    unittest.main(module=module, argv=[sys.argv[0], *rest], verbosity=2)
