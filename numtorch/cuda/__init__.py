"""numtorch.cuda: availability and device queries through the backend seam (CuPy)."""

from .. import _backend


def is_available():
    return _backend.cuda_is_available()


def device_count():
    return _backend.cuda_device_count()


def current_device():
    if not is_available():
        raise AssertionError("Torch not compiled with CUDA enabled")
    return _backend._get_cupy().cuda.runtime.getDevice()


def get_device_name(device=None):
    if not is_available():
        raise AssertionError("Torch not compiled with CUDA enabled")
    cp = _backend._get_cupy()
    idx = _backend.as_device(device).index or 0 if device is not None else 0
    return cp.cuda.runtime.getDeviceProperties(idx)["name"].decode()


def synchronize(device=None):
    if is_available():
        _backend._get_cupy().cuda.Device().synchronize()


def manual_seed(seed):
    pass  # CUDA randomness draws from the default generator


def manual_seed_all(seed):
    pass


def empty_cache():
    if is_available():
        _backend._get_cupy().get_default_memory_pool().free_all_blocks()


class device:
    """``with torch.cuda.device('cuda:1'):`` selects the current CUDA device."""

    def __init__(self, device):
        self.idx = _backend.as_device(device).index or 0 if device is not None else 0
        self.prev = None

    def __enter__(self):
        if is_available():
            cp = _backend._get_cupy()
            self.prev = cp.cuda.runtime.getDevice()
            cp.cuda.runtime.setDevice(self.idx)
        return self

    def __exit__(self, *exc):
        if self.prev is not None:
            _backend._get_cupy().cuda.runtime.setDevice(self.prev)
        return False


def set_device(device):
    if is_available():
        _backend._get_cupy().cuda.runtime.setDevice(_backend.as_device(device).index or 0)
