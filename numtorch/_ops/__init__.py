"""The op families. Which file holds which public name:

- elementwise: arithmetic, math, comparisons, logical/bitwise, casts (to, clone, copy_)
- reduce: sum/mean/prod/max/min/std/var/norm/logsumexp, cumsum, all/any, sort/topk/unique
- shape: view/reshape/permute/transpose/squeeze/expand/cat/stack/split/chunk/flip/roll
- index: indexing and __setitem__, gather/scatter, index_select, masked_*, where, nonzero
- linalg: matmul family, dot/outer/cross, trace/diag/triu/tril, inverse/det/svd, einsum
- activation: relu/softmax/log_softmax/gelu/silu/...
- conv, pool, norm, loss: the nn kernels (see the nn issue)
"""
