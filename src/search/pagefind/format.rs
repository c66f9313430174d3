//! The bundle's file formats, as Pagefind 1.6.0's browser code reads them: CBOR
//! structures (`src/index/index_*.rs` there), content hashes for file names, and gzip
//! with Pagefind's `pagefind_dcd` marker.

use minicbor::encode::{Encoder, Write};
use minicbor::Encode;

/// One chunk of the word index: `index/*.pf_index`.
#[derive(Encode)]
pub struct WordIndex {
    #[n(0)]
    pub words: Vec<PackedWord>,
}

/// A word and every place it is found.
#[derive(Encode)]
pub struct PackedWord {
    #[n(0)]
    pub word: String,
    #[n(1)]
    pub pages: EncodedList,
    #[n(2)]
    pub additional_variants: Vec<PackedVariant>,
}

/// A form of a word with diacritics ("café" beside "cafe").
#[derive(Encode)]
pub struct PackedVariant {
    #[n(0)]
    pub form: String,
    #[n(1)]
    pub pages: EncodedList,
}

/// The places of a word on one page: its page number (as the difference from the
/// previous page in the list), positions with weight changes, and positions in metadata.
#[derive(Encode)]
pub struct PackedPage<'a> {
    #[n(0)]
    pub page_number: usize,
    #[n(1)]
    pub locs: &'a [i32],
    #[n(2)]
    pub meta_locs: &'a [i32],
}

/// A CBOR array whose elements were encoded already, as the index is built page by page.
#[derive(Debug, Default, Clone)]
pub struct EncodedList {
    pub count: u64,
    pub bytes: Vec<u8>,
}

impl EncodedList {
    pub fn push(&mut self, item: &impl Encode<()>) {
        // Writing to a Vec cannot fail.
        let _ = minicbor::encode(item, &mut self.bytes);
        self.count += 1;
    }
}

impl<C> Encode<C> for EncodedList {
    fn encode<W: Write>(
        &self,
        e: &mut Encoder<W>,
        _ctx: &mut C,
    ) -> Result<(), minicbor::encode::Error<W::Error>> {
        e.array(self.count)?;
        e.writer_mut()
            .write_all(&self.bytes)
            .map_err(minicbor::encode::Error::write)
    }
}

/// `pagefind.*.pf_meta`: what a browser loads first.
#[derive(Encode)]
pub struct MetaIndex {
    #[n(0)]
    pub version: String,
    #[n(1)]
    pub pages: Vec<MetaPage>,
    #[n(2)]
    pub index_chunks: Vec<MetaChunk>,
    #[n(3)]
    pub filters: Vec<MetaFilter>,
    #[n(4)]
    pub sorts: Vec<MetaSort>,
    #[n(5)]
    pub meta_fields: Vec<String>,
}

/// Which chunk holds the words from `from` to `to`.
#[derive(Encode, Debug, Clone, PartialEq)]
pub struct MetaChunk {
    #[n(0)]
    pub from: String,
    #[n(1)]
    pub to: String,
    #[n(2)]
    pub hash: String,
}

#[derive(Encode)]
pub struct MetaPage {
    #[n(0)]
    pub hash: String,
    #[n(1)]
    pub word_count: u32,
    #[n(2)]
    pub group_hash: String,
}

#[derive(Encode)]
pub struct MetaFilter {
    #[n(0)]
    pub filter: String,
    #[n(1)]
    pub hash: String,
}

#[derive(Encode)]
pub struct MetaSort {
    #[n(0)]
    pub sort: String,
    #[n(1)]
    pub pages: Vec<usize>,
}

/// `filter/*.pf_filter`: the pages of each value of one filter.
#[derive(Encode)]
pub struct FilterIndex {
    #[n(0)]
    pub filter: String,
    #[n(1)]
    pub values: Vec<PackedValue>,
}

#[derive(Encode)]
pub struct PackedValue {
    #[n(0)]
    pub value: String,
    #[n(1)]
    pub pages: Vec<usize>,
}

/// CBOR bytes of a value.
pub fn cbor(value: &impl Encode<()>) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = minicbor::encode(value, &mut out);
    out
}

/// Pagefind's content hash: SHA-1 with each byte in hexadecimal *without* padding (a
/// byte 0x0a is written `a`), which is what its file names are cut from.
pub fn full_hash(bytes: &[u8]) -> String {
    use sha1::Digest;
    use std::fmt::Write as _;
    let digest = sha1::Sha1::digest(bytes);
    let mut out = String::with_capacity(40);
    for b in digest {
        let _ = write!(out, "{b:x}");
    }
    out
}

/// How hard files are compressed: level 4 of 9 (gzip's own default is 6). Pagefind uses
/// the best level; at these file sizes that saves about 1 % of the bytes for about twice
/// the time. Level 1 makes the bundle a third bigger (1k pages: 8.3 MB against 6.1 MB)
/// for no processor time measurably saved.
const GZIP_LEVEL: u32 = 4;

/// A gzip compressor kept between files: a deflate state is a few hundred kilobytes,
/// and making one per file (tens of thousands of them) costs time and leaves the
/// allocator's memory fragmented.
pub struct Gzip(flate2::Compress);

impl Default for Gzip {
    fn default() -> Self {
        Gzip(flate2::Compress::new(
            flate2::Compression::new(GZIP_LEVEL),
            false,
        ))
    }
}

impl Gzip {
    /// A file's bytes as the browser code expects them: gzip of `pagefind_dcd` and the
    /// data (the header as flate2's `GzEncoder` writes it: no name, no time).
    pub fn compress(&mut self, data: &[u8]) -> Vec<u8> {
        use flate2::{FlushCompress, Status};
        const MARKER: &[u8] = b"pagefind_dcd";
        self.0.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
        let mut crc = flate2::Crc::new();
        for (part, last) in [(MARKER, false), (data, true)] {
            crc.update(part);
            let mut input = part;
            loop {
                if out.capacity() - out.len() < 1024 {
                    out.reserve(input.len() / 2 + 4096);
                }
                let before = self.0.total_in();
                let flush = if last {
                    FlushCompress::Finish
                } else {
                    FlushCompress::None
                };
                let status = self.0.compress_vec(input, &mut out, flush);
                let read = (self.0.total_in() - before) as usize;
                input = &input[read.min(input.len())..];
                match status {
                    Ok(Status::StreamEnd) => break,
                    Ok(_) if !last && input.is_empty() => break,
                    Ok(_) => {}
                    // Compressing into memory cannot fail; stop rather than loop.
                    Err(_) => break,
                }
            }
        }
        out.extend_from_slice(&crc.sum().to_le_bytes());
        out.extend_from_slice(&crc.amount().to_le_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_reads_back_and_matches_flate2s_own_encoder() {
        use std::io::{Read, Write as _};
        let mut gzip = Gzip::default();
        let text = "rent arrears and housing support ".repeat(5000);
        for data in [&b""[..], b"x", text.as_bytes()] {
            let ours = gzip.compress(data);
            let mut back = Vec::new();
            flate2::read::GzDecoder::new(&ours[..])
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(&back[12..], data);
            let mut theirs =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(GZIP_LEVEL));
            theirs.write_all(b"pagefind_dcd").unwrap();
            theirs.write_all(data).unwrap();
            assert_eq!(ours, theirs.finish().unwrap());
        }
    }

    #[test]
    fn hashes_leave_out_leading_zeros_of_each_byte_as_pagefind_does() {
        // SHA-1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d
        assert_eq!(full_hash(b"abc"), "a9993e36476816aba3e25717850c26c9cd0d89d");
    }

    #[test]
    fn a_list_encoded_in_parts_equals_one_encoded_whole() {
        #[derive(Encode)]
        struct OwnedPage {
            #[n(0)]
            page_number: usize,
            #[n(1)]
            locs: Vec<i32>,
            #[n(2)]
            meta_locs: Vec<i32>,
        }
        #[derive(Encode)]
        struct OwnedWord {
            #[n(0)]
            word: String,
            #[n(1)]
            pages: Vec<OwnedPage>,
            #[n(2)]
            additional_variants: Vec<PackedVariant>,
        }
        let numbers = [3usize, 1, 400];
        let mut list = EncodedList::default();
        for &n in &numbers {
            let locs = [n as i32, -25];
            list.push(&PackedPage {
                page_number: n,
                locs: &locs,
                meta_locs: &[],
            });
        }
        let parts = PackedWord {
            word: "rent".into(),
            pages: list,
            additional_variants: vec![],
        };
        let whole = OwnedWord {
            word: "rent".into(),
            pages: numbers
                .iter()
                .map(|&n| OwnedPage {
                    page_number: n,
                    locs: vec![n as i32, -25],
                    meta_locs: vec![],
                })
                .collect(),
            additional_variants: vec![],
        };
        assert_eq!(cbor(&parts), cbor(&whole));
    }
}
