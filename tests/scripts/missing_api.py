"""Uses an API numtorch does not have: must fail with a clear error naming torch.X."""
import torch
import torch.nn as nn

net = nn.Linear(2, 2)
print('before the missing API')
net = torch.compile_for_the_moon(net)
print('not reached')
