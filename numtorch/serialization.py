"""torch.save / torch.load (work in progress)."""


def save(obj, f, pickle_module=None, pickle_protocol=2, _use_new_zipfile_serialization=True):
    raise NotImplementedError("numtorch.save is not implemented yet")


def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **kwargs):
    raise NotImplementedError("numtorch.load is not implemented yet")
