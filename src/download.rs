//! Saving a file from the page: text through a Blob, or an image from its data URL. Nothing leaves
//! the browser; the file goes to the user's downloads.

use wasm_bindgen::JsCast;

/// Offers `url` (an object or data URL) as a download named `filename`.
pub fn download_url(filename: &str, url: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(url);
    a.set_download(filename);
    a.click();
    Some(())
}

/// Offers `text` as a download named `filename` with MIME type `mime`.
pub fn download_text(filename: &str, mime: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let done = download_url(filename, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    done
}
