//! One module per page.

mod compare;
mod home;
mod incoming;
mod link;
mod models;
mod not_found;
mod versions;

pub use home::Home;
pub use incoming::IncomingPanel;
pub use models::Models;
pub use not_found::NotFound;
