"""numtorch.testing: assert_close, make_tensor."""
