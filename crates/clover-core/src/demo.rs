//! TODO(demo): the deterministic demo organisation generator.
