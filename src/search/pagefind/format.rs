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

/// How hard page fragments are compressed: libdeflate's level 1 of 12. A build writes one
/// per page and a reader fetches one per result shown, so speed counts more than the last
/// bytes: on a 1k-page site's fragments it takes 38 ms for 2.97 MB, where zlib-rs at
/// level 4 (before) took 90 ms for 2.91 MB and zlib-rs at level 1 gave 4.19 MB.
pub const FRAGMENT_LEVEL: i32 = 1;

/// How hard index, metadata and filter chunks are compressed: libdeflate's level 5. They
/// are written once, at the end, and a reader's first query fetches several of them, so
/// size counts: on a 1k-page site's chunks it takes 57 ms for 2.31 MB, where zlib-rs at
/// level 4 (before) took 75 ms for 2.44 MB; libdeflate's level 4 gives 2.55 MB and its
/// level 6 takes 77 ms for 2.29 MB. (Pagefind uses zlib's best level.)
pub const INDEX_LEVEL: i32 = 5;

/// A gzip compressor kept between files (tens of thousands of them), with its buffer.
pub struct Gzip {
    compressor: libdeflater::Compressor,
    input: Vec<u8>,
}

impl Gzip {
    /// A compressor at `level` (1 to 12; out of range means libdeflate's default, 6).
    pub fn new(level: i32) -> Gzip {
        let level = libdeflater::CompressionLvl::new(level).unwrap_or_default();
        Gzip {
            compressor: libdeflater::Compressor::new(level),
            input: Vec::new(),
        }
    }

    /// A file's bytes as the browser code expects them: gzip of `pagefind_dcd` and the
    /// data, with no name and no time in the header, so the same data gives the same bytes.
    pub fn compress(&mut self, data: &[u8]) -> Vec<u8> {
        const MARKER: &[u8] = b"pagefind_dcd";
        self.input.clear();
        self.input.extend_from_slice(MARKER);
        self.input.extend_from_slice(data);
        let mut out = vec![0; self.compressor.gzip_compress_bound(self.input.len())];
        // libdeflate fails only when the output has no room; the bound guarantees room.
        let written = self
            .compressor
            .gzip_compress(&self.input, &mut out)
            .unwrap_or(0);
        out.truncate(written);
        // Big inputs leave a big buffer behind; keep at most what a page needs.
        if self.input.capacity() > 1 << 20 {
            self.input = Vec::new();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_reads_back_with_the_marker_and_is_the_same_every_time() {
        use std::io::Read;
        let text = "rent arrears and housing support ".repeat(5000);
        for level in [FRAGMENT_LEVEL, INDEX_LEVEL] {
            let mut gzip = Gzip::new(level);
            for data in [&b""[..], b"x", text.as_bytes(), b"x"] {
                let ours = gzip.compress(data);
                let mut back = Vec::new();
                flate2::read::GzDecoder::new(&ours[..])
                    .read_to_end(&mut back)
                    .unwrap();
                assert_eq!(&back[..12], b"pagefind_dcd");
                assert_eq!(&back[12..], data);
                // No time in the header, so a rebuild writes the same bytes.
                assert_eq!(&ours[4..8], &[0, 0, 0, 0]);
                assert_eq!(ours, Gzip::new(level).compress(data));
            }
            assert!(gzip.compress(text.as_bytes()).len() < text.len() / 50);
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
