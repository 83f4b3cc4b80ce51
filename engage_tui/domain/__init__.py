"""The domain layer: engage's rules and reports as plain values. No Textual, no printing."""
