"""Samplers: iterables of dataset keys (or, for BatchSampler, of lists of keys).

Random samplers draw from their ``generator`` or, without one, from a fresh generator
seeded by one draw of numtorch's global generator per epoch, so ``numtorch.manual_seed``
makes every epoch's order reproducible while epochs differ from each other.

>>> list(BatchSampler(SequentialSampler(range(10)), batch_size=3, drop_last=False))
[[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
"""

import itertools
from typing import Generic, TypeVar

import numtorch

__all__ = ["Sampler", "SequentialSampler", "RandomSampler", "SubsetRandomSampler",
           "WeightedRandomSampler", "BatchSampler"]

T_co = TypeVar("T_co", covariant=True)


class Sampler(Generic[T_co]):
    """Base class: subclasses define ``__iter__`` (the keys) and, usually, ``__len__``."""

    def __iter__(self):
        raise NotImplementedError


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _epoch_generator(generator):
    """The generator to draw one epoch from: the given one, or a new one seeded from the
    global generator (so the global stream advances by one draw per epoch)."""
    if generator is not None:
        return generator
    seed = int(numtorch.empty((), dtype=numtorch.int64).random_().item())
    return numtorch.Generator().manual_seed(seed)


class SequentialSampler(Sampler):
    """``0, 1, ..., len(data_source) - 1``."""

    def __init__(self, data_source):
        self.data_source = data_source

    def __iter__(self):
        return iter(range(len(self.data_source)))

    def __len__(self):
        return len(self.data_source)


class RandomSampler(Sampler):
    """A random permutation of ``range(len(data_source))`` (``num_samples`` of them, going
    through further permutations when it exceeds the length), or ``num_samples`` uniform
    draws with ``replacement=True``."""

    def __init__(self, data_source, replacement=False, num_samples=None, generator=None):
        self.data_source = data_source
        self.replacement = replacement
        self._num_samples = num_samples
        self.generator = generator
        if not isinstance(replacement, bool):
            raise TypeError("replacement should be a boolean value, but got "
                            f"replacement={replacement}")
        if not isinstance(self.num_samples, int) or self.num_samples <= 0:
            raise ValueError("num_samples should be a positive integer value, but got "
                             f"num_samples={self.num_samples}")

    @property
    def num_samples(self):
        # the dataset's size may change after the sampler is made
        if self._num_samples is None:
            return len(self.data_source)
        return self._num_samples

    def __iter__(self):
        n = len(self.data_source)
        generator = _epoch_generator(self.generator)
        count = self.num_samples
        if self.replacement:
            # in chunks, so a huge num_samples does not materialise at once
            for start in range(0, count, 4096):
                size = min(4096, count - start)
                yield from numtorch.randint(high=n, size=(size,), dtype=numtorch.int64,
                                            generator=generator).tolist()
        else:
            for _ in range(count // n):
                yield from numtorch.randperm(n, generator=generator).tolist()
            if count % n:
                yield from numtorch.randperm(n, generator=generator).tolist()[:count % n]

    def __len__(self):
        return self.num_samples


class SubsetRandomSampler(Sampler):
    """The given ``indices`` in a random order (without replacement)."""

    def __init__(self, indices, generator=None):
        self.indices = indices
        self.generator = generator

    def __iter__(self):
        for i in numtorch.randperm(len(self.indices), generator=self.generator).tolist():
            yield self.indices[i]

    def __len__(self):
        return len(self.indices)


class WeightedRandomSampler(Sampler):
    """``num_samples`` indices drawn with probabilities proportional to ``weights``
    (with or without ``replacement``)."""

    def __init__(self, weights, num_samples, replacement=True, generator=None):
        if not _is_int(num_samples) or num_samples <= 0:
            raise ValueError("num_samples should be a positive integer value, but got "
                             f"num_samples={num_samples}")
        if not isinstance(replacement, bool):
            raise ValueError("replacement should be a boolean value, but got "
                             f"replacement={replacement}")
        weights = numtorch.as_tensor(weights, dtype=numtorch.double)
        if weights.dim() != 1:
            raise ValueError("weights should be a 1d sequence but given weights have shape "
                             f"{tuple(weights.shape)}")
        self.weights = weights
        self.num_samples = num_samples
        self.replacement = replacement
        self.generator = generator

    def __iter__(self):
        drawn = numtorch.multinomial(self.weights, self.num_samples, self.replacement,
                                     generator=self.generator)
        yield from drawn.tolist()

    def __len__(self):
        return self.num_samples


class BatchSampler(Sampler):
    """Group another sampler's keys into lists of ``batch_size`` (the last one shorter
    unless ``drop_last``)."""

    def __init__(self, sampler, batch_size, drop_last):
        if not _is_int(batch_size) or batch_size <= 0:
            raise ValueError("batch_size should be a positive integer value, but got "
                             f"batch_size={batch_size}")
        if not isinstance(drop_last, bool):
            raise ValueError(f"drop_last should be a boolean value, but got drop_last={drop_last}")
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self):
        it = iter(self.sampler)
        size = self.batch_size
        if self.drop_last:
            # zip over one iterator repeated: stops at the first incomplete batch
            for batch in zip(*([it] * size)):
                yield list(batch)
        else:
            batch = list(itertools.islice(it, size))
            while batch:
                yield batch
                batch = list(itertools.islice(it, size))

    def __len__(self):
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return (len(self.sampler) + self.batch_size - 1) // self.batch_size
