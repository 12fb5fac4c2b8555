"""The evaluation transform each ImageNet weights enum carries (``weights.transforms()``)."""

import numtorch
from numtorch import nn


class ImageClassification(nn.Module):
    """Resize, center-crop, scale to [0, 1] float and normalize: ImageNet evaluation.

    Accepts a PIL image or a uint8/float tensor (..., C, H, W); returns a float32 tensor
    (..., C, crop_size, crop_size). The transforms live in ``numtorchvision.transforms``;
    they are imported when the preset is built, so the models do not need Pillow.
    """

    def __init__(self, *, crop_size, resize_size=256, mean=(0.485, 0.456, 0.406),
                 std=(0.229, 0.224, 0.225), interpolation=None, antialias=True):
        super().__init__()
        from numtorchvision.transforms import InterpolationMode

        self.crop_size = [crop_size]
        self.resize_size = [resize_size]
        self.mean = list(mean)
        self.std = list(std)
        self.interpolation = InterpolationMode.BILINEAR if interpolation is None else interpolation
        self.antialias = antialias

    def forward(self, img):
        from numtorchvision.transforms import functional as F

        img = F.resize(img, self.resize_size, interpolation=self.interpolation,
                       antialias=self.antialias)
        img = F.center_crop(img, self.crop_size)
        if not isinstance(img, numtorch.Tensor):
            img = F.pil_to_tensor(img)
        img = F.convert_image_dtype(img, numtorch.float)
        return F.normalize(img, mean=self.mean, std=self.std)

    def __repr__(self):
        lines = [f"crop_size={self.crop_size}", f"resize_size={self.resize_size}",
                 f"mean={self.mean}", f"std={self.std}", f"interpolation={self.interpolation}"]
        return self.__class__.__name__ + "(\n" + "".join(f"    {s}\n" for s in lines) + ")"
