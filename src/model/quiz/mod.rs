//! The maturity quiz (being written).
