//! The four layers of the hierarchy (being written).
