"""torchvision.models: AlexNet, VGG, ResNet/ResNeXt/Wide ResNet and MobileNetV2 builders with
torchvision's module structure, so state_dict keys, shapes and reprs equal torchvision's and
its checkpoints load with ``model.load_state_dict(numtorch.load(path))``.

    >>> import numtorch
    >>> from numtorchvision import models
    >>> net = models.resnet18(num_classes=10)          # or models.get_model("resnet18", ...)
    >>> net(numtorch.randn(1, 3, 64, 64)).shape
    torch.Size([1, 10])
"""

from ._api import Weights, WeightsEnum, get_model, get_model_builder, get_model_weights, \
    get_weight, list_models
from .alexnet import *  # noqa: F401,F403
from .mobilenetv2 import *  # noqa: F401,F403
from .resnet import *  # noqa: F401,F403
from .vgg import *  # noqa: F401,F403
from . import mobilenet, mobilenetv2, resnet, vgg  # noqa: F401,E402  (the submodules)
