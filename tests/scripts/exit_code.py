"""Propagates sys.argv and the exit status."""
import sys

import torch

print('argv', sys.argv)
print('name', __name__)
sys.exit(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
