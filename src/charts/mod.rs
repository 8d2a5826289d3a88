//! Charts drawn with plotters to SVG strings (being written).
