import os
import sys

# the oracle: real PyTorch, used only by tests
os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, os.path.dirname(__file__))
