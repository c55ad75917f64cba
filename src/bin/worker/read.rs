//! Reading the user's files (Blobs) into the worker's memory, fast: a large file in slices,
//! small ones in batches joined into one Blob (no copy), several reads in flight.

use std::collections::VecDeque;

use clover_core::import::{FileError, InputFile};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::progress;

/// Files are read in slices of this size, so that the progress bar moves while a large
/// export is read.
const READ_SLICE: f64 = 8.0 * 1024.0 * 1024.0;

/// Smaller files (an unzipped export's thousands of day files) are read in batches of up to
/// this many bytes and files, as one Blob made of them (which copies nothing), with several
/// batches in flight: the browser's cost is per read, and a read per file took 0.85 ms
/// (22 s for 25,626 files), batches of 2 MB, 16 at a time, 4 s (docs/performance.md).
const BATCH_BYTES: f64 = 2.0 * 1024.0 * 1024.0;
const BATCH_FILES: usize = 128;
const BATCHES_IN_FLIGHT: usize = 16;

/// The Blobs of a `files` array named by `names` (folder paths included), in order.
pub fn blob_list(names: &[String], blobs: &js_sys::Array) -> Vec<(String, web_sys::Blob)> {
    blobs
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let name = names.get(i).cloned().unwrap_or_else(|| format!("file {}", i + 1));
            b.dyn_into::<web_sys::Blob>().ok().map(|b| (name, b))
        })
        .collect()
}

/// Reads the Blobs into memory: a large file slice by slice (FileReaderSync: a worker may
/// block), smaller ones in batches read asynchronously, several at a time. Files keep their
/// order; a file that cannot be read is named in the errors and the others still load.
pub async fn read_blobs(list: &[(String, web_sys::Blob)]) -> (Vec<InputFile>, Vec<FileError>) {
    let mut files = Vec::with_capacity(list.len());
    let mut errors = Vec::new();
    for r in read_each(list).await {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    (files, errors)
}

/// [`read_blobs`], each file's result in the order given.
pub async fn read_each(list: &[(String, web_sys::Blob)]) -> Vec<Result<InputFile, FileError>> {
    let total: f64 = list.iter().map(|(_, b)| b.size()).sum();
    let mut read: Vec<Option<Result<Vec<u8>, String>>> = vec![None; list.len()];
    let reader = web_sys::FileReaderSync::new().ok();
    let mut done = 0.0;

    // Batches of consecutive small files; a large file is a batch of its own.
    let mut batches: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i < list.len() {
        let mut j = i;
        let mut bytes = 0.0;
        while j < list.len() && (j == i || (bytes + list[j].1.size() <= BATCH_BYTES && j - i < BATCH_FILES)) {
            bytes += list[j].1.size();
            j += 1;
        }
        batches.push(i..j);
        i = j;
    }
    let mut pending = batches.into_iter();
    let mut in_flight: VecDeque<(std::ops::Range<usize>, wasm_bindgen_futures::JsFuture)> = VecDeque::new();
    loop {
        // Keep batches of small files in flight; a large file is read now, in slices.
        while in_flight.len() < BATCHES_IN_FLIGHT {
            let Some(batch) = pending.next() else { break };
            let size: f64 = list[batch.clone()].iter().map(|(_, b)| b.size()).sum();
            if batch.len() == 1 && size > BATCH_BYTES {
                let (name, blob) = &list[batch.start];
                read[batch.start] = Some(read_in_slices(name, blob, reader.as_ref(), done, total));
                done += size;
                continue;
            }
            let parts = js_sys::Array::new();
            for (_, b) in &list[batch.clone()] {
                parts.push(b);
            }
            let promise = web_sys::Blob::new_with_blob_sequence(&parts).map(|joined| joined.array_buffer());
            match promise {
                Ok(p) => in_flight.push_back((batch, wasm_bindgen_futures::JsFuture::from(p))),
                Err(_) => {
                    for k in batch {
                        read[k] = Some(read_one(&list[k].1, reader.as_ref()));
                    }
                }
            }
        }
        let Some((batch, future)) = in_flight.pop_front() else { break };
        progress(1, format!("Reading {}", list[batch.start].0), done as u64, total as u64, true);
        let sizes: Vec<usize> = list[batch.clone()].iter().map(|(_, b)| b.size() as usize).collect();
        let whole = future.await.ok().map(|buf| js_sys::Uint8Array::new(&buf));
        match whole.filter(|w| w.length() as usize == sizes.iter().sum::<usize>()) {
            Some(whole) => {
                let mut at = 0u32;
                for (k, size) in batch.clone().zip(sizes) {
                    // Straight from the ArrayBuffer into the Vec: one copy.
                    let mut bytes = vec![0u8; size];
                    whole.subarray(at, at + size as u32).copy_to(&mut bytes);
                    at += size as u32;
                    read[k] = Some(Ok(bytes));
                }
            }
            // A file of the batch could not be read (removed or changed since it was
            // picked): each is read on its own, to name the one that fails and why.
            None => {
                for k in batch.clone() {
                    read[k] = Some(read_one(&list[k].1, reader.as_ref()));
                }
            }
        }
        done += list[batch].iter().map(|(_, b)| b.size()).sum::<f64>();
    }
    progress(1, "Read the files", total as u64, total as u64, true);
    list.iter()
        .zip(read)
        .map(|((name, _), r)| match r {
            Some(Ok(bytes)) => Ok(InputFile::new(name.clone(), bytes)),
            Some(Err(message)) => Err(FileError { file: name.clone(), message }),
            None => Err(FileError { file: name.clone(), message: "the browser could not read it".into() }),
        })
        .collect()
}

/// Why a read failed, in the browser's words.
fn read_error(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "the browser could not read it".into())
}

fn no_reader() -> String {
    "this browser cannot read files in a worker".into()
}

/// One whole Blob, in one read.
pub fn read_one(blob: &web_sys::Blob, reader: Option<&web_sys::FileReaderSync>) -> Result<Vec<u8>, String> {
    let reader = reader.ok_or_else(no_reader)?;
    let buf = reader.read_as_array_buffer(blob).map_err(read_error)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// A large Blob slice by slice, the progress bar moving with each slice.
fn read_in_slices(
    name: &str,
    blob: &web_sys::Blob,
    reader: Option<&web_sys::FileReaderSync>,
    done: f64,
    total: f64,
) -> Result<Vec<u8>, String> {
    let reader = reader.ok_or_else(no_reader)?;
    let size = blob.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut at = 0.0;
    while at < size {
        let end = (at + READ_SLICE).min(size);
        progress(1, format!("Reading {name}"), (done + at) as u64, total as u64, true);
        let buf =
            blob.slice_with_f64_and_f64(at, end).and_then(|s| reader.read_as_array_buffer(&s)).map_err(read_error)?;
        // Straight from the ArrayBuffer into the Vec: one copy.
        let view = js_sys::Uint8Array::new(&buf);
        let start = bytes.len();
        bytes.resize(start + view.length() as usize, 0);
        view.copy_to(&mut bytes[start..]);
        at = end;
    }
    Ok(bytes)
}
