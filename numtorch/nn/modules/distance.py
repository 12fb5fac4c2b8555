"""Distance modules: PairwiseDistance, CosineSimilarity."""

from .. import functional as F
from .module import Module

__all__ = ["PairwiseDistance", "CosineSimilarity"]


class PairwiseDistance(Module):
    """``||x1 - x2 + eps||_p`` over the last dimension.

    Shape: x1 (N, D) or (D), x2 broadcastable to it -> (N) or () (keepdim keeps the D dim
    as 1).

    >>> nn.PairwiseDistance(p=2)(torch.randn(100, 128), torch.randn(100, 128)).shape
    torch.Size([100])
    """

    def __init__(self, p=2.0, eps=1e-6, keepdim=False):
        super().__init__()
        self.norm = p
        self.eps = eps
        self.keepdim = keepdim

    def forward(self, x1, x2):
        return F.pairwise_distance(x1, x2, self.norm, self.eps, self.keepdim)


class CosineSimilarity(Module):
    """``x1 . x2 / (max(||x1||, eps) * max(||x2||, eps))`` along ``dim``.

    Shape: x1 and x2 broadcastable to a common shape; the output drops ``dim``.

    >>> nn.CosineSimilarity(dim=1)(torch.randn(100, 128), torch.randn(100, 128)).shape
    torch.Size([100])
    """

    def __init__(self, dim=1, eps=1e-8):
        super().__init__()
        self.dim = dim
        self.eps = eps

    def forward(self, x1, x2):
        return F.cosine_similarity(x1, x2, self.dim, self.eps)
