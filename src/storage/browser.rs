//! The browser side of storage: `localStorage`, downloads and file reading.
//! Kept thin: every decision is made in the pure modules next to this one.

use chrono::{DateTime, NaiveDate, Utc};
use wasm_bindgen::{JsCast, JsValue};

use super::kv::{KeyValue, StorageError};
use super::library::{Known, Library};
use super::persist::Persistence;
use crate::model::calendar::local_date;

/// `window.localStorage`, looked up on every call: it may be disabled, or
/// throw, at any time (private mode, a user clearing site data).
pub struct LocalStore;

fn storage() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .ok_or(StorageError::Unavailable)?
        .local_storage()
        .map_err(|_| StorageError::Unavailable)?
        .ok_or(StorageError::Unavailable)
}

/// Tells a full storage from a forbidden one: they need different advice.
fn classify(error: JsValue) -> StorageError {
    match error.dyn_into::<web_sys::DomException>() {
        Ok(e) => match e.name().as_str() {
            // Chromium, Safari and Firefox respectively.
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::Full,
            "SecurityError" => StorageError::Unavailable,
            _ => StorageError::Other(e.message()),
        },
        Err(other) => StorageError::Other(format!("{other:?}")),
    }
}

impl KeyValue for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        storage()?.get_item(key).map_err(classify)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        storage()?.set_item(key, value).map_err(classify)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        storage()?.remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let s = storage()?;
        let n = s.length().map_err(classify)?;
        Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).collect())
    }
}

pub fn library() -> Library<LocalStore> {
    thread_local! {
        // One for the page: what any library read stays known to the next.
        static KNOWN: Known = Known::default();
    }
    Library::with_known(LocalStore, KNOWN.with(Known::clone))
}

/// The versions of the models stored in this browser.
pub fn shelf() -> super::versions::Shelf<LocalStore> {
    super::versions::Shelf::new(LocalStore)
}

/// The current time, in UTC (as timestamps are stored).
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Today in the person's local calendar (the browser's time zone): the day
/// meant by "Held today", due dates, "as of today" and file names.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_else(|| now().date_naive())
}

/// How many minutes the browser's clock is ahead of UTC at `at` (negative
/// west of UTC), for [`crate::model::calendar::local_date`]. Asked for that
/// instant, so a time from before a daylight-saving change gets its own.
pub fn utc_offset_minutes(at: DateTime<Utc>) -> i32 {
    let d = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    // getTimezoneOffset() counts the other way: UTC minus local time.
    -(d.get_timezone_offset() as i32)
}

/// The local calendar day of a stored timestamp.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    local_date(at, utc_offset_minutes(at))
}

/// `navigator.storage`, when the browser has it (not over plain HTTP, not
/// in older browsers).
fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("storage"))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
        .map(JsCast::unchecked_into)
}

async fn storage_answer(
    ask: impl FnOnce(&web_sys::StorageManager) -> Result<js_sys::Promise, JsValue>,
) -> Persistence {
    let Some(manager) = storage_manager() else {
        return Persistence::Unsupported;
    };
    let Ok(promise) = ask(&manager) else {
        return Persistence::Unsupported;
    };
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(answer) => Persistence::from_answer(answer.as_bool() == Some(true)),
        Err(_) => Persistence::Unsupported,
    }
}

/// Whether the browser has promised to keep this site's storage
/// (`navigator.storage.persisted()`); asks nothing.
pub async fn persisted() -> Persistence {
    storage_answer(web_sys::StorageManager::persisted).await
}

/// Asks the browser to keep this site's storage
/// (`navigator.storage.persist()`); its answer.
pub async fn persist() -> Persistence {
    storage_answer(web_sys::StorageManager::persist).await
}

/// Offers `text` to the user as a file download.
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |e: JsValue| format!("the browser refused the download ({e:?})");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // The click has started the download synchronously; the URL can go.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Offers a `data:` or `blob:` URL as a file download.
pub fn download_url(file_name: &str, url: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    a.set_href(url);
    a.set_download(file_name);
    a.click();
    Ok(())
}

/// Renders an SVG document to a PNG `data:` URL at twice its size (sharp on
/// high-density screens and in slides).
pub async fn svg_to_png(svg: &str) -> Result<String, String> {
    let fail = |e: JsValue| format!("the picture could not be drawn ({e:?})");
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let image = web_sys::HtmlImageElement::new().map_err(fail)?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(&url);
    let result = wasm_bindgen_futures::JsFuture::from(loaded).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    result.map_err(fail)?;
    let (w, h) = (image.natural_width().max(1), image.natural_height().max(1));
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(fail)?
        .unchecked_into();
    canvas.set_width(w * 2);
    canvas.set_height(h * 2);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(fail)?
        .ok_or("no 2d canvas")?
        .unchecked_into();
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, f64::from(w * 2), f64::from(h * 2));
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            &image,
            0.0,
            0.0,
            f64::from(w * 2),
            f64::from(h * 2),
        )
        .map_err(fail)?;
    canvas.to_data_url_with_type("image/png").map_err(fail)
}

/// The bytes of a file of the app's own site (`url` a path such as
/// `/samples/saas.opmodel.json`), from the network or, offline, from the
/// service worker's copy. The error is a sentence naming the file.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window()
        .ok_or_else(|| format!("The file {url} could not be downloaded: no window."))?;
    // fetch() fails only when no answer came at all: no network, and no
    // copy kept by the service worker.
    let answer = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("The file {url} could not be downloaded: the network cannot be reached and no copy was kept from an earlier visit."))?;
    let response: web_sys::Response = answer.dyn_into().map_err(|_| {
        format!("The file {url} could not be downloaded: the browser gave no response.")
    })?;
    if !response.ok() {
        return Err(format!(
            "{url} could not be downloaded: the server answered {} {}.",
            response.status(),
            response.status_text()
        ));
    }
    let buffer = response
        .array_buffer()
        .map_err(|_| format!("The file {url} could not be read."))?;
    let buffer = wasm_bindgen_futures::JsFuture::from(buffer)
        .await
        .map_err(|_| format!("The file {url} could not be read: the download broke off."))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The bytes of a file the user picked or dropped.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("the browser could not read the file ({e:?})"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

// The compression streams, declared here: web-sys has them only behind
// `--cfg web_sys_unstable_apis`, which would rebuild web-sys with every
// unstable API for two constructors.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = CompressionStream)]
    type Compression;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new_compression(format: &str) -> Result<Compression, JsValue>;
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompression;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new_decompression(format: &str) -> Result<Decompression, JsValue>;
}

/// `bytes` through the browser's `CompressionStream` ("deflate": zlib's
/// format, whose Adler-32 checksum of the text makes a link altered on its
/// way fail to unpack instead of giving another model; 6 bytes more than
/// "deflate-raw"): no compression code in the wasm for the model-in-a-link.
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let stream = Compression::new_compression("deflate")
        .map_err(|_| "this browser cannot compress (no CompressionStream)".to_string())?;
    let pair: &web_sys::ReadableWritablePair = stream.unchecked_ref();
    let out = bytes_stream(bytes)?.pipe_through(pair);
    read_stream(out, usize::MAX).await
}

/// Compressed `bytes` unpacked ("deflate", its checksum checked), stopping
/// with an error as soon as more than `limit` bytes come out: a link is
/// read at most up to the file limit, however it was made.
pub async fn inflate(bytes: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let stream = Decompression::new_decompression("deflate")
        .map_err(|_| "this browser cannot unpack it (no DecompressionStream)".to_string())?;
    let pair: &web_sys::ReadableWritablePair = stream.unchecked_ref();
    let out = bytes_stream(bytes)?.pipe_through(pair);
    read_stream(out, limit).await
}

fn bytes_stream(bytes: &[u8]) -> Result<web_sys::ReadableStream, String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)
        .map_err(|_| "the browser could not hold the data".to_string())?;
    Ok(blob.stream())
}

/// Every chunk of `stream`, up to `limit` bytes.
async fn read_stream(stream: web_sys::ReadableStream, limit: usize) -> Result<Vec<u8>, String> {
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .map_err(|_| "it does not unpack (cut short, or changed on its way)".to_string())?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(out);
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).unwrap_or_default();
        out.extend(js_sys::Uint8Array::new(&value).to_vec());
        if out.len() > limit {
            let _ = reader.cancel();
            return Err(format!(
                "it unpacks to more than {} MiB, the limit of a model file",
                limit / (1024 * 1024)
            ));
        }
    }
}
