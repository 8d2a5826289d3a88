//! One module per page.

mod compare;
mod home;
mod link;
mod models;
mod not_found;

pub use home::Home;
pub use models::Models;
pub use not_found::NotFound;
