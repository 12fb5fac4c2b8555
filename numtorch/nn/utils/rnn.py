"""torch.nn.utils.rnn: variable-length sequences for the recurrent layers.

A ``PackedSequence`` holds the rows of a batch of sequences time step by time step:
``data`` is (N, *) with the ``batch_sizes[t]`` rows of step ``t`` next to each other, the
sequences sorted by decreasing length (``sorted_indices`` / ``unsorted_indices`` undo the
sort). Packing and padding are gathers with index arrays built in NumPy, so gradients
flow through them (an index op's backward).

Example::

    >>> seqs = [numtorch.ones(3, 2), numtorch.ones(1, 2)]
    >>> packed = pack_sequence(seqs)           # batch_sizes=tensor([2, 1, 1])
    >>> out, lengths = pad_packed_sequence(packed)   # (3, 2, 2), tensor([3, 1])
"""

from collections import namedtuple

import numpy as np

import numtorch

__all__ = ["PackedSequence", "invert_permutation", "pack_padded_sequence",
           "pad_packed_sequence", "pad_sequence", "unpad_sequence", "pack_sequence",
           "unpack_sequence"]

_PackedSequence = namedtuple("PackedSequence_",
                             ["data", "batch_sizes", "sorted_indices", "unsorted_indices"])


class PackedSequence(_PackedSequence):
    """(data, batch_sizes, sorted_indices, unsorted_indices); build it with
    :func:`pack_padded_sequence` or :func:`pack_sequence`, not directly."""

    def __new__(cls, data, batch_sizes=None, sorted_indices=None, unsorted_indices=None):
        if unsorted_indices is None:
            unsorted_indices = invert_permutation(sorted_indices)
        if batch_sizes is not None:
            if batch_sizes.device.type != "cpu":
                raise ValueError(
                    "batch_sizes should always be on CPU. Instances of PackedSequence should "
                    "never be created manually. They should be instantiated by functions like "
                    "pack_sequence and pack_padded_sequences in nn.utils.rnn. "
                    "https://pytorch.org/docs/stable/nn.html#torch.nn.utils.rnn.pack_sequence")
            return super().__new__(cls, data, batch_sizes, sorted_indices, unsorted_indices)
        if not isinstance(data, (list, tuple)) or len(data) != 2:
            raise ValueError(f"Expected a (data, batch_sizes) pair, got {type(data).__name__}")
        return super().__new__(cls, data[0], data[1], sorted_indices, unsorted_indices)

    def _with_data(self, data):
        return type(self)(data, self.batch_sizes, self.sorted_indices, self.unsorted_indices)

    def to(self, *args, **kwargs):
        data = self.data.to(*args, **kwargs)
        if data is self.data:
            return self
        return self._with_data(data)

    def cuda(self, *args, **kwargs):
        return self._with_data(self.data.cuda(*args, **kwargs))

    def cpu(self, *args, **kwargs):
        return self._with_data(self.data.cpu(*args, **kwargs))

    def double(self):
        return self.to(dtype=numtorch.double)

    def float(self):
        return self.to(dtype=numtorch.float)

    def half(self):
        return self.to(dtype=numtorch.half)

    def long(self):
        return self.to(dtype=numtorch.long)

    def int(self):
        return self.to(dtype=numtorch.int)

    def short(self):
        return self.to(dtype=numtorch.short)

    def char(self):
        return self.to(dtype=numtorch.int8)

    def byte(self):
        return self.to(dtype=numtorch.uint8)

    @property
    def is_cuda(self):
        return self.data.is_cuda

    def is_pinned(self):
        return False


def invert_permutation(permutation):
    """The inverse of a permutation tensor (None stays None)."""
    if permutation is None:
        return None
    p = permutation.numpy()
    inv = np.empty_like(p)
    inv[p] = np.arange(p.size, dtype=p.dtype)
    return numtorch.from_numpy(inv)


def _lengths_array(lengths, batch_size):
    if isinstance(lengths, numtorch.Tensor):
        if lengths.dim() != 1:
            raise RuntimeError(
                f"'lengths' argument should be a 1D CPU int64 tensor, but got {lengths.dim()}D "
                f"{lengths.device.type} {lengths.type()[6:-6]} tensor")
        arr = lengths.numpy().astype(np.int64)
    else:
        arr = np.asarray(lengths, dtype=np.int64).reshape(-1)
    if arr.size != batch_size:
        raise RuntimeError(f"Expected `len(lengths)` to be equal to batch_size, but got "
                           f"{arr.size} (batch_size={batch_size})")
    return arr


def _batch_sizes(lengths):
    """batch_sizes[t] = number of sequences longer than t (lengths sorted decreasingly)."""
    steps = np.arange(int(lengths[0]))
    return (lengths[None, :] > steps[:, None]).sum(1).astype(np.int64)


def pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True):
    """Pack a padded (T, B, *) batch (``batch_first``: (B, T, *)) of sequences of the given
    ``lengths`` into a :class:`PackedSequence`; with ``enforce_sorted=False`` the batch is
    sorted by decreasing length first."""
    batch_dim = 0 if batch_first else 1
    lengths = _lengths_array(lengths, input.shape[batch_dim])
    if enforce_sorted:
        if np.any(lengths[:-1] < lengths[1:]):
            raise RuntimeError(
                "`lengths` array must be sorted in decreasing order when `enforce_sorted` is "
                "True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or "
                "pack_sequence to sidestep this requirement if you do not need ONNX "
                "exportability.")
        sorted_indices = None
        order = None
    else:
        order = np.argsort(-lengths, kind="stable")
        lengths = lengths[order]
        sorted_indices = numtorch.from_numpy(order.astype(np.int64))
    if lengths.size == 0 or lengths[-1] <= 0:
        raise RuntimeError("Length of all samples has to be greater than 0, but found an element "
                           "in 'lengths' that is <= 0")
    if lengths[0] > input.shape[1 - batch_dim]:
        raise RuntimeError(f"pack_padded_sequence: a length of {int(lengths[0])} exceeds the "
                           f"padded sequence length {input.shape[1 - batch_dim]}")
    batch_sizes = _batch_sizes(lengths)
    # rows of the packed data: step t takes batch entries 0..batch_sizes[t]-1 (in sorted order)
    t_idx = np.repeat(np.arange(batch_sizes.size), batch_sizes)
    b_idx = np.concatenate([np.arange(b) for b in batch_sizes])
    if order is not None:
        b_idx = order[b_idx]
    t_idx, b_idx = numtorch.from_numpy(t_idx), numtorch.from_numpy(b_idx)
    data = input[b_idx, t_idx] if batch_first else input[t_idx, b_idx]
    return PackedSequence(data, numtorch.from_numpy(batch_sizes), sorted_indices, None)


def pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None):
    """Inverse of :func:`pack_padded_sequence`: (padded, lengths), padded being
    (T, B, *) (``batch_first``: (B, T, *)) filled with ``padding_value`` past each length, T
    the longest length or ``total_length``; lengths an int64 tensor in the original order."""
    data, batch_sizes = sequence.data, sequence.batch_sizes
    bs = batch_sizes.numpy().astype(np.int64)
    max_len, B = bs.size, int(bs[0])
    if total_length is not None:
        if total_length < max_len:
            raise ValueError(
                "Expected total_length to be at least the length of the longest sequence in "
                f"input, but got total_length={total_length} and max sequence length being "
                f"{max_len}")
    else:
        total_length = max_len
    n = data.shape[0]
    # index of each padded (t, b) cell in data, or n (an appended padding row) past the end
    offs = np.concatenate(([0], np.cumsum(bs)[:-1]))
    idx = np.full((total_length, B), n, dtype=np.int64)
    b = np.arange(B)
    idx[:max_len] = np.where(b[None, :] < bs[:, None], offs[:, None] + b[None, :], n)
    lengths = (b[None, :] < bs[:, None]).sum(0).astype(np.int64)
    unsorted = sequence.unsorted_indices
    if unsorted is not None:
        perm = unsorted.numpy()
        idx = idx[:, perm]
        lengths = lengths[perm]
    if batch_first:
        idx = idx.T
    pad = numtorch.full((1,) + tuple(data.shape[1:]), padding_value, dtype=data.dtype,
                        device=data.device)
    padded = numtorch.cat([data, pad], 0)[numtorch.from_numpy(np.ascontiguousarray(idx))]
    return padded, numtorch.from_numpy(lengths)


def pad_sequence(sequences, batch_first=False, padding_value=0.0, padding_side="right"):
    """Stack tensors of shape (L_i, *) into (max L, B, *) (``batch_first``: (B, max L, *)),
    padding each on the ``padding_side`` with ``padding_value``."""
    if padding_side not in ("left", "right"):
        raise RuntimeError(f"Expected padding_side to be one of left or right, but got "
                           f"{padding_side}.")
    if isinstance(sequences, numtorch.Tensor):
        sequences = sequences.unbind(0)
    sequences = list(sequences)
    if not sequences:
        raise RuntimeError("received an empty list of sequences")
    lens = np.array([s.shape[0] for s in sequences], dtype=np.int64)
    T, B = int(lens.max()), len(sequences)
    starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
    n = int(lens.sum())
    t = np.arange(T)[:, None]
    shift = (T - lens)[None, :] if padding_side == "left" else 0
    pos = t - shift  # position within each sequence of padded row t
    idx = np.where((pos >= 0) & (pos < lens[None, :]), starts[None, :] + pos, n)
    if batch_first:
        idx = idx.T
    first = sequences[0]
    pad = numtorch.full((1,) + tuple(first.shape[1:]), padding_value, dtype=first.dtype,
                        device=first.device)
    flat = numtorch.cat(sequences + [pad], 0)
    return flat[numtorch.from_numpy(np.ascontiguousarray(idx))]


def unpad_sequence(padded_sequences, lengths, batch_first=False):
    """Split a padded batch back into a list of tensors of the given lengths."""
    if not batch_first:
        padded_sequences = padded_sequences.transpose(0, 1)
    lengths = lengths.tolist() if isinstance(lengths, numtorch.Tensor) else list(lengths)
    return [seq[:int(n)] for seq, n in zip(padded_sequences, lengths)]


def pack_sequence(sequences, enforce_sorted=True):
    """Pack a list of (L_i, *) tensors (by decreasing length unless
    ``enforce_sorted=False``)."""
    lengths = numtorch.as_tensor([v.size(0) for v in sequences])
    return pack_padded_sequence(pad_sequence(sequences), lengths,
                                 enforce_sorted=enforce_sorted)


def unpack_sequence(packed_sequences):
    """Inverse of :func:`pack_sequence`: the list of tensors in their original order."""
    padded, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded, lengths, batch_first=True)
