//! The sample models' operating maps: their deliberate gaps, pinned.
