//! One module per page.

mod home;
mod models;
mod upcoming;

pub use home::Home;
pub use models::Models;
pub use upcoming::{Governance, NotFound, Progress};
