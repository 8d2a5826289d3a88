//! Hard limits on what a model file may hold. A file travels by email between
//! companies, so every size that could exhaust memory or the browser's storage
//! is bounded here, with the reason for the number.

/// Largest file accepted, in bytes. Browsers keep about 5 MiB of text per site
/// in local storage; a model larger than that could be opened but never saved,
/// so it is refused before it is parsed.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// Roles are the matrix's columns: past a few hundred the grid is unusable on
/// any screen, and an organization with more accountable roles should split
/// the model by domain.
pub const MAX_ROLES: usize = 300;

/// Elements are the matrix's rows. 5,000 is five times the largest model the
/// benchmark opens (1,000 x 40) and still fits the file limit.
pub const MAX_ELEMENTS: usize = 5_000;

/// Decision categories: the same reasoning as elements.
pub const MAX_DECISIONS: usize = 5_000;

/// Reviews are meetings: a thousand recurring ones is already far beyond any
/// real calendar.
pub const MAX_REVIEWS: usize = 1_000;

/// Corrections accumulate over years of reviews.
pub const MAX_CORRECTIONS: usize = 10_000;

/// Assessments and snapshots are history points on a chart; one a day for
/// more than ten years fits.
pub const MAX_HISTORY_POINTS: usize = 5_000;

/// Names are one-line labels shown in headers and chart legends.
pub const MAX_NAME_CHARS: usize = 200;

/// Descriptions, conditions and findings are short paragraphs.
pub const MAX_TEXT_CHARS: usize = 5_000;

/// Ids are UUIDs (36 characters) in files this app writes; other tools may
/// use shorter or longer keys, but nothing needs more than this.
pub const MAX_ID_CHARS: usize = 100;

/// Small lists inside one item (approvals, escalations, metrics, linked
/// elements, status history).
pub const MAX_LIST_ITEMS: usize = 1_000;

/// Stages of one workflow: the benchmark's largest is 40; a flow of more
/// than 200 steps is several workflows.
pub const MAX_STAGES: usize = 200;

/// Data flows between systems: a few per pair of systems; the benchmark's
/// map has 600 links in all.
pub const MAX_FLOWS: usize = 5_000;

/// Metrics: the figures reviews look at. A few per element at most.
pub const MAX_METRICS: usize = 5_000;

/// Automatic versions kept per model (at export, before a merge or a
/// restore, and each file received): the last ten round trips of a
/// consultant's model. Older ones go first; named versions stay until
/// deleted. Each is a whole model, so ten of a 500 KiB model already take
/// a fair share of the 5 MiB a browser keeps per site.
pub const MAX_AUTOMATIC_VERSIONS: usize = 10;

/// A version's name and note are labels, like a model's name.
pub const MAX_VERSION_NOTE_CHARS: usize = MAX_NAME_CHARS;

/// Versions a file names as the ones it descends from: enough for twenty
/// round trips between two people; a base older than that is chosen by
/// hand.
pub const MAX_ANCESTORS: usize = 20;

/// People in one team check-up: a leadership team, a department in a
/// room. Each is a few hundred bytes in the file; past this many it is a
/// survey, which is not what the check-up is for.
pub const MAX_TEAM_RESPONSES: usize = 500;
