"""A 'third-party library' next to the script that imports torch itself."""
import torch
import torch.nn as nn


def make_layer():
    return nn.Linear(3, 2)


TORCH = torch
