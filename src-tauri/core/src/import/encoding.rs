//! Text encodings: detection from the first bytes (BOM, UTF-16 zero pattern, UTF-8 validity,
//! else chardetng's guess with a preference for GB18030, which is what Excel writes on Chinese
//! Windows as "GBK"; Big5, Shift_JIS, Windows-1252 … when the bytes say so), and incremental
//! decoding so a large legacy or UTF-16 file is never held in memory.

use super::source::EncodingChoice;
use encoding_rs::{Encoding, BIG5, GB18030, GBK, SHIFT_JIS, UTF_16BE, UTF_16LE, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;
use std::io::Read;

/// How a text file's bytes become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8 {
        bom: bool,
    },
    Gbk,
    Utf16Le,
    Utf16Be,
    /// Another single- or double-byte encoding (Big5, Shift_JIS, Windows-1252 …).
    Legacy(&'static Encoding),
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 { bom: false } => "UTF-8",
            TextEncoding::Utf8 { bom: true } => "UTF-8 BOM",
            TextEncoding::Gbk => "GBK",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Legacy(e) => e.name(),
        }
    }

    /// Whether the raw bytes are already UTF-8 (read without a decoder, validated per cell).
    pub fn is_utf8(self) -> bool {
        matches!(self, TextEncoding::Utf8 { .. })
    }

    fn decoder(self) -> &'static Encoding {
        match self {
            TextEncoding::Utf8 { .. } => encoding_rs::UTF_8,
            TextEncoding::Gbk => GB18030,
            TextEncoding::Utf16Le => UTF_16LE,
            TextEncoding::Utf16Be => UTF_16BE,
            TextEncoding::Legacy(e) => e,
        }
    }

    /// Bytes of the byte-order mark this encoding's file starts with.
    pub fn bom_len(self, head: &[u8]) -> usize {
        match self {
            TextEncoding::Utf8 { bom: true } if head.starts_with(&[0xef, 0xbb, 0xbf]) => 3,
            TextEncoding::Utf16Le if head.starts_with(&[0xff, 0xfe]) => 2,
            TextEncoding::Utf16Be if head.starts_with(&[0xfe, 0xff]) => 2,
            _ => 0,
        }
    }
}

/// Decides the encoding from the first bytes of the file (64 KiB is plenty) and the user's choice.
pub fn detect(head: &[u8], choice: EncodingChoice) -> TextEncoding {
    let utf8_bom = head.starts_with(&[0xef, 0xbb, 0xbf]);
    let le_bom = head.starts_with(&[0xff, 0xfe]);
    let be_bom = head.starts_with(&[0xfe, 0xff]);
    match choice {
        EncodingChoice::Utf8 => return TextEncoding::Utf8 { bom: utf8_bom },
        EncodingChoice::Gbk => return TextEncoding::Gbk,
        EncodingChoice::Utf16 => {
            return if be_bom || (!le_bom && utf16_zero_side(head) == Some(false)) {
                TextEncoding::Utf16Be
            } else {
                TextEncoding::Utf16Le
            }
        }
        EncodingChoice::Big5 => return TextEncoding::Legacy(BIG5),
        EncodingChoice::ShiftJis => return TextEncoding::Legacy(SHIFT_JIS),
        EncodingChoice::Windows1252 => return TextEncoding::Legacy(WINDOWS_1252),
        EncodingChoice::Auto => {}
    }
    if utf8_bom {
        return TextEncoding::Utf8 { bom: true };
    }
    if le_bom {
        return TextEncoding::Utf16Le;
    }
    if be_bom {
        return TextEncoding::Utf16Be;
    }
    match utf16_zero_side(head) {
        Some(true) => return TextEncoding::Utf16Le,
        Some(false) => return TextEncoding::Utf16Be,
        None => {}
    }
    if valid_utf8_prefix(head) {
        TextEncoding::Utf8 { bom: false }
    } else {
        guess_legacy(head)
    }
}

/// chardetng's guess for bytes that are not UTF-8, with a preference for GB18030: it wins when
/// chardetng picks GBK, when chardetng is unsure, and when only GB18030 reads the bytes cleanly.
fn guess_legacy(head: &[u8]) -> TextEncoding {
    let whole = head.len() < 64 * 1024;
    // Whole lines only, so a character cut off at the end of the sample is no error.
    let sample = match head.iter().rposition(|b| *b == b'\n') {
        Some(i) if !whole => &head[..=i],
        _ => head,
    };
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(sample, true);
    let (guess, confident) = detector.guess_assess(None, false);
    let clean = |e: &'static Encoding| {
        e.decode_without_bom_handling_and_without_replacement(sample)
            .is_some()
    };
    if guess == GBK || guess == GB18030 || clean(GB18030) && (!confident || !clean(guess)) {
        TextEncoding::Gbk
    } else {
        TextEncoding::Legacy(guess)
    }
}

/// UTF-16 without a BOM: ASCII text has a zero in every other byte. `Some(true)` for
/// little-endian (zeros at odd offsets), `Some(false)` for big-endian.
fn utf16_zero_side(head: &[u8]) -> Option<bool> {
    let n = head.len().min(4096) & !1;
    if n < 8 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in head[..n].iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1
            } else {
                odd += 1
            }
        }
    }
    let half = n / 2;
    if odd * 10 >= half * 4 && even * 10 < half {
        Some(true)
    } else if even * 10 >= half * 4 && odd * 10 < half {
        Some(false)
    } else {
        None
    }
}

/// UTF-8, allowing a sequence cut off at the end of the sample and a few stray invalid bytes in
/// text that is otherwise clearly UTF-8 (a GBK line pasted into a UTF-8 file is then reported as
/// undecodable cells rather than turning the whole file into mojibake).
fn valid_utf8_prefix(head: &[u8]) -> bool {
    let (mut valid_non_ascii, mut invalid) = (0usize, 0usize);
    let mut rest = head;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_non_ascii += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid_non_ascii += std::str::from_utf8(good)
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                match e.error_len() {
                    Some(n) => {
                        invalid += 1;
                        rest = &bad[n..];
                    }
                    None => break, // cut off at the end of the sample
                }
            }
        }
    }
    invalid == 0 || invalid * 2 < valid_non_ascii
}

/// A reader that yields UTF-8: the file itself (BOM skipped) when it already is UTF-8, else an
/// incremental decoder over it. Undecodable bytes of a non-UTF-8 file become U+FFFD.
pub fn utf8_reader<R: Read + 'static>(
    mut inner: R,
    enc: TextEncoding,
    head: &[u8],
) -> std::io::Result<Box<dyn Read>> {
    if enc.is_utf8() {
        let skip = enc.bom_len(head);
        if skip > 0 {
            let mut bom = vec![0u8; skip];
            inner.read_exact(&mut bom)?;
        }
        return Ok(Box::new(inner));
    }
    Ok(Box::new(
        DecodeReaderBytesBuilder::new()
            .encoding(Some(enc.decoder()))
            .bom_override(true)
            .build(inner),
    ))
}

/// Decodes a whole byte slice (tests and the delimiter sniffer's sample).
pub fn decode_all(bytes: &[u8], enc: TextEncoding) -> String {
    let skip = enc.bom_len(bytes);
    let (text, _) = enc.decoder().decode_without_bom_handling(&bytes[skip..]);
    text.into_owned()
}

/// Picks the delimiter among comma, tab and semicolon from a text sample: the one that splits
/// the most lines into the same number of fields (quoted text is ignored). Title rows above the
/// header simply have no delimiter and do not count.
pub fn sniff_delimiter(sample: &str) -> u8 {
    let lines: Vec<&str> = sample.lines().take(60).collect();
    let mut best = (b',', 0usize, 0usize);
    for d in [b',', b'\t', b';'] {
        let mut freq: std::collections::HashMap<usize, usize> = Default::default();
        for line in &lines {
            let mut quoted = false;
            let mut n = 0usize;
            for b in line.bytes() {
                if b == b'"' {
                    quoted = !quoted;
                } else if b == d && !quoted {
                    n += 1;
                }
            }
            if n > 0 {
                *freq.entry(n).or_default() += 1;
            }
        }
        let (count, lines_with) = freq
            .into_iter()
            .max_by_key(|(count, lines)| (*lines, *count))
            .unwrap_or((0, 0));
        if (lines_with, count) > (best.2, best.1) {
            best = (d, count, lines_with);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(bytes: &[u8], expect: &str, label: &str) {
        let enc = detect(bytes, EncodingChoice::Auto);
        assert_eq!(enc.label(), label);
        let mut r = utf8_reader(std::io::Cursor::new(bytes.to_vec()), enc, bytes).unwrap();
        let mut s = String::new();
        r.read_to_string(&mut s).unwrap();
        assert_eq!(s, expect);
    }

    const TEXT: &str = "日期,销售员,金额\n2026-03-01,张三,\"1,234.50\"\n2026-03-02,𠮷田,99\n";

    #[test]
    fn encoding_matrix_decodes_to_the_original_text() {
        roundtrip(TEXT.as_bytes(), TEXT, "UTF-8");
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice(TEXT.as_bytes());
        roundtrip(&bom, TEXT, "UTF-8 BOM");
        // GBK cannot hold 𠮷; GB18030 writes it in four bytes, and both decode through one path.
        let gbk_text = TEXT.replace("𠮷", "吉");
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&gbk_text);
        assert!(!unmappable);
        roundtrip(&gbk, &gbk_text, "GBK");
        let (gb18030, _, unmappable) = GB18030.encode(TEXT);
        assert!(!unmappable);
        assert_eq!(
            GB18030.encode("𠮷").0.len(),
            4,
            "𠮷 takes four bytes in GB18030"
        );
        assert!(!gb18030.is_empty());
        roundtrip(&gb18030, TEXT, "GBK");
        let tsv = TEXT.replace(',', "\t");
        let mut le = vec![0xff, 0xfe];
        for u in tsv.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        roundtrip(&le, &tsv, "UTF-16LE");
        let mut be = vec![0xfe, 0xff];
        for u in tsv.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        roundtrip(&be, &tsv, "UTF-16BE");
    }

    /// A sales file as a Hong Kong, Tokyo or Paris office writes it, with text only that encoding holds.
    fn legacy_roundtrip(enc: &'static Encoding, text: &str, label: &str) {
        let (bytes, _, unmappable) = enc.encode(text);
        assert!(!unmappable, "{label} holds the test text");
        roundtrip(&bytes, text, label);
    }

    #[test]
    fn big5_shift_jis_and_windows_1252_are_read_exactly() {
        legacy_roundtrip(
            BIG5,
            "日期,業務員,金額,客戶\n2026-03-01,陳大文,\"1,234.50\",香港貿易發展有限公司\n2026-03-02,林小華,99,臺灣積體電路製造\n",
            "Big5",
        );
        legacy_roundtrip(
            SHIFT_JIS,
            "日付,担当者,金額,顧客\n2026-03-01,山田太郎,\"1,234.50\",株式会社トヨタ自動車\n2026-03-02,佐藤花子,99,ソニーグループ株式会社\n",
            "Shift_JIS",
        );
        legacy_roundtrip(
            WINDOWS_1252,
            "Date;Vendeur;Montant;Société\n2026-03-01;Zoë Müller;1234,50;Crédit Agricole été\n2026-03-02;François Gérard;99;Château Côte d'Azur\n",
            "windows-1252",
        );
        // Simplified Chinese stays GB18030 even though some of its bytes are valid Big5 too.
        legacy_roundtrip(GBK, "日期,销售员,金额\n2026-03-01,张三,12\n", "GBK");
    }

    #[test]
    fn override_wins_over_detection() {
        let (big5, _, _) = BIG5.encode("業務員");
        assert_eq!(detect(&big5, EncodingChoice::Big5).label(), "Big5");
        assert_eq!(
            detect(b"abc", EncodingChoice::ShiftJis).label(),
            "Shift_JIS"
        );
        assert_eq!(
            EncodingChoice::parse("cp1252"),
            Some(EncodingChoice::Windows1252)
        );
        let (gbk, _, _) = encoding_rs::GBK.encode("销售员");
        assert_eq!(detect(&gbk, EncodingChoice::Utf8).label(), "UTF-8");
        assert_eq!(detect(b"abc", EncodingChoice::Gbk).label(), "GBK");
        assert_eq!(decode_all(&gbk, TextEncoding::Gbk), "销售员");
    }

    #[test]
    fn a_utf8_sample_cut_mid_character_is_still_utf8() {
        let s = "销售员".as_bytes();
        assert_eq!(
            detect(&s[..s.len() - 1], EncodingChoice::Auto).label(),
            "UTF-8"
        );
    }

    #[test]
    fn delimiters_are_sniffed_past_title_rows() {
        assert_eq!(
            sniff_delimiter("2026年销售明细\n日期,销售员,金额\n1,2,3\n"),
            b','
        );
        assert_eq!(
            sniff_delimiter("日期\t销售员\t金额\n1\t\"2,5\"\t3\n"),
            b'\t'
        );
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3\n1;2;3,5\n"), b';');
    }
}
