"""A torchvision-style script: transforms, a dataset, a DataLoader and a model (plain PyTorch)."""
import sys

import torch
import torch.nn as nn
import torchvision
import torchvision.transforms as transforms
from torchvision import datasets, models
from torchvision.utils import make_grid, save_image
from torch.utils.data import DataLoader

out = sys.argv[1]
import numtorchvision
assert torchvision is numtorchvision and transforms is numtorchvision.transforms
assert sys.modules['torchvision.datasets'] is numtorchvision.datasets
torch.manual_seed(0)
transform = transforms.Compose([
    transforms.RandomHorizontalFlip(),
    transforms.ToTensor(),
    transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)),
])
trainset = datasets.FakeData(size=16, image_size=(3, 32, 32), num_classes=10,
                             transform=transform)
loader = DataLoader(trainset, batch_size=8, shuffle=True)
images, labels = next(iter(loader))
print(images.shape, images.dtype, labels.dtype)
assert isinstance(images, torch.Tensor) and images.shape == (8, 3, 32, 32)
assert images.dtype == torch.float32 and labels.dtype == torch.int64
assert -1.0 <= images.min().item() and images.max().item() <= 1.0

save_image(make_grid(images * 0.5 + 0.5, nrow=4), out + '/grid.png')

net = models.resnet18(num_classes=10)
n_params = sum(p.numel() for p in net.parameters())
print('resnet18 parameters:', n_params)
assert n_params == 11181642, n_params  # 11,689,512 with the 1000-class head
assert isinstance(net, nn.Module) and isinstance(net, torchvision.models.ResNet)
net.eval()
with torch.no_grad():
    logits = net(images)
print('logits', tuple(logits.shape))
assert logits.shape == (8, 10)
torch.save(net.state_dict(), out + '/resnet18.pth')
print('OK vision')
