"""txaio-core's private modules: the facade, the contract, selection, config, batched timers."""
