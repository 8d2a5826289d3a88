//! The team check-up: many people answer the quiz, one picture of where
//! they agree and where they don't. No accounts and no server: the
//! facilitator's invitation and each person's answers travel in links
//! ([`link`]), and the team's numbers are computed from the answers
//! pasted back ([`team`]).

pub mod collect;
pub mod link;
pub mod team;
