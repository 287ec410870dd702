use super::*;

fn gb() -> Option<Region> {
    Some(Region::parse("GB").unwrap())
}

#[test]
fn e164_input_is_normalised_with_region_and_type() {
    let c = check_number("+44 20 7946 0958", None);
    assert!(c.valid, "{c:?}");
    assert_eq!(c.e164.as_deref(), Some("+442079460958"));
    assert_eq!(c.region.as_deref(), Some("GB"));
    assert_eq!(c.kind, Some(NumberKind::FixedLine));
    let us = check_number("+14155552671", None);
    assert_eq!(
        (us.valid, us.region.as_deref(), us.kind),
        (true, Some("US"), Some(NumberKind::FixedLineOrMobile))
    );
}

#[test]
fn national_input_uses_the_default_region() {
    let c = check_number("2079460958", gb());
    assert!(c.valid, "{c:?}");
    assert_eq!(c.e164.as_deref(), Some("+442079460958"));
    let c = check_number("020 7946 0958", gb());
    assert_eq!(
        c.e164.as_deref(),
        Some("+442079460958"),
        "trunk prefix 0 must be dropped"
    );
    let fr = check_number("01 23 45 67 89", Some(Region::parse("fr").unwrap()));
    assert_eq!((fr.valid, fr.e164.as_deref()), (true, Some("+33123456789")));
}

#[test]
fn failures_are_explained() {
    let c = check_number("2079460958", None);
    assert!(!c.valid);
    assert!(
        c.error
            .as_deref()
            .unwrap()
            .contains("has no country code: add it, e.g."),
        "{c:?}"
    );

    let c = check_number("+44 20 79", None);
    assert!(
        c.error.as_deref().unwrap().contains("too short for GB"),
        "{c:?}"
    );

    let c = check_number("+33 7 00 00 00 00", None);
    let e = c.error.unwrap();
    assert!(e.contains("not a valid number in FR"), "{e}");

    let c = check_number("+44 7700 900000", None);
    assert!(!c.valid, "Ofcom drama range is invalid in the metadata");
    assert!(check_number("+1234", None).error.is_some());
    let e = check_number("+33 0 00 00 00 00", None).error.unwrap();
    assert!(e.contains("not a valid number in FR"), "{e}");
    let e = check_number("+33 0", None).error.unwrap();
    assert!(e.contains("too short for FR"), "{e}");
    assert!(
        check_number("hello", None)
            .error
            .unwrap()
            .contains("no digits")
    );
    assert!(
        check_number("+999 1234567", None)
            .error
            .unwrap()
            .contains("country code")
    );
    assert!(
        check_number("+44 20 7946 0958 1234 5678", None)
            .error
            .unwrap()
            .contains("too long")
    );
}

#[test]
fn region_codes_are_checked() {
    assert!(Region::parse("GB").is_ok());
    assert_eq!(Region::parse("gb").unwrap().calling_code(), 44);
    let e = Region::parse("XX").unwrap_err();
    assert!(e.contains("`XX` is not a region code"), "{e}");
}

#[test]
fn guernsey_mobile_reports_gg() {
    let c = check_number("+44 7911 123456", None);
    assert_eq!((c.valid, c.region.as_deref()), (true, Some("GG")));
}

#[test]
fn non_geographic_numbers_have_no_region() {
    let c = check_number("+800 1234 5678", None);
    assert!(c.valid, "{c:?}");
    assert_eq!(c.region, None);
    assert_eq!(c.kind, Some(NumberKind::TollFree));
}

#[test]
fn list_and_csv_splitting() {
    assert_eq!(
        split_number_list("DIDs\n+14155552671\n"),
        vec!["+14155552671"],
        "a one-word header is skipped"
    );
    let text =
        "number,label\n+442079460958,London\n\n# comment\nSales,\"+1 415 555 2671\"\n2079460958\n";
    assert_eq!(
        split_number_list(text),
        vec!["+442079460958", "+1 415 555 2671", "2079460958"]
    );
}

#[test]
fn bulk_results_keep_input_order() {
    let inputs: Vec<String> = (0..2000).map(|i| format!("+1415555{:04}", i)).collect();
    let out = check_numbers(&inputs, None);
    assert_eq!(out.len(), inputs.len());
    for (i, c) in inputs.iter().zip(&out) {
        assert_eq!(&c.input, i);
    }
}

/// The fast path must agree with the `phonenumber` crate on every number it accepts.
#[test]
fn fast_path_agrees_with_the_crate() {
    let mut checked = 0;
    let mut diverged = Vec::new();
    for meta in DATABASE.iter() {
        let code = meta.country_code();
        let d = meta.descriptors();
        let examples = [
            d.fixed_line(),
            d.mobile(),
            d.toll_free(),
            d.premium_rate(),
            d.voip(),
            d.uan(),
            d.shared_cost(),
        ];
        for ex in examples.into_iter().flatten().filter_map(|x| x.example()) {
            for variant in [
                ex.to_string(),
                format!("{ex}1"),
                ex[..ex.len().saturating_sub(1)].to_string(),
                ex.replacen('0', "9", 1),
            ] {
                let input = format!("+{code}{variant}");
                let slow = slow_check(&input, None);
                let fast = check_number(&input, None);
                checked += 1;
                if fast.valid && slow.valid {
                    if fast != slow {
                        // The crate loses the type (and sometimes the region) of numbers whose
                        // national part starts with 0 (+39 06…, +676 0800…).
                        assert_eq!(fast.e164, slow.e164, "{input}");
                        assert_eq!(
                            slow.kind,
                            Some(NumberKind::Unknown),
                            "fast path disagrees on {input}: {fast:?} vs {slow:?}"
                        );
                        diverged.push(input);
                    }
                } else if fast.valid != slow.valid {
                    // The crate strips a national prefix even from an international number that
                    // was already valid (+7 800… becomes +7 00…); libphonenumber keeps it, and so
                    // does the fast path. The reverse (crate valid, fast invalid) is a bug.
                    assert!(
                        fast.valid,
                        "fast path rejects {input}, which the crate accepts: {fast:?} vs {slow:?}"
                    );
                    diverged.push(input);
                } else {
                    assert!(fast.error.is_some() && slow.error.is_some(), "{input}");
                    assert_eq!(fast.e164.is_some(), slow.e164.is_some(), "{input}");
                }
            }
        }
    }
    assert!(checked > 2000, "only {checked} numbers checked");
    // A trunk prefix written after the country code is dropped, as libphonenumber does
    // (+44 0 20 7946 0958 is +44 20 7946 0958); the crate gets this wrong for NANP.
    for (input, plain) in [
        ("+44 020 7946 0958", "+442079460958"),
        ("+1 1 212 555 0123", "+12125550123"),
        ("+33 0 1 23 45 67 89", "+33123456789"),
    ] {
        let c = check_number(input, None);
        assert_eq!((c.valid, c.e164.as_deref()), (true, Some(plain)), "{input}");
    }
    assert!(
        diverged.len() * 50 < checked,
        "too many divergences: {diverged:?}"
    );
    eprintln!(
        "{checked} numbers checked; the crate differs (known defects) on {}: {diverged:?}",
        diverged.len()
    );
}

#[test]
fn a_number_without_country_code_says_where_it_would_be_valid_in_neutral_words() {
    let c = check_number("2079460958", None);
    let e = c.error.as_deref().unwrap();
    assert!(!e.contains("--"), "the core names no CLI flag: {e}");
    assert!(e.contains("+44 20 7946 0958 (GB)"), "{e}");
    let r = c
        .no_country_code
        .as_deref()
        .expect("readings for national input");
    assert!(
        r.iter().any(|x| x.region == "GB"
            && x.e164 == "+442079460958"
            && x.international == "+44 20 7946 0958"),
        "{r:?}"
    );
    assert!(r.len() <= 3, "a few readings at the most: {r:?}");

    // With the UK trunk prefix 0, the UK comes first (the more common regions are tried first).
    let c = check_number("020 7946 0958", None);
    assert_eq!(
        c.no_country_code.as_deref().unwrap()[0].e164,
        "+442079460958",
        "{c:?}"
    );
    assert!(
        c.error
            .as_deref()
            .unwrap()
            .starts_with("`020 7946 0958` has no country code: add it, e.g. +44 20 7946 0958 (GB)"),
        "{c:?}"
    );

    // Nothing fits: the advice still says how to write it.
    let c = check_number("12", None);
    assert_eq!(c.no_country_code.as_deref(), Some(&[][..]));
    assert!(
        c.error
            .unwrap()
            .contains("write it as +<country code><number>"),
        "no reading, general advice"
    );

    // With a country code or a default region there is nothing to suggest, and JSON leaves the
    // field out.
    assert_eq!(check_number("+442079460958", None).no_country_code, None);
    assert_eq!(check_number("2079460958", gb()).no_country_code, None);
    assert_eq!(check_number("+44 20 79", None).no_country_code, None);
    let json = serde_json::to_value(check_number("+442079460958", None)).unwrap();
    assert!(json.get("no_country_code").is_none(), "{json}");
    let json = serde_json::to_value(check_number("020 7946 0958", None)).unwrap();
    assert_eq!(json["no_country_code"][0]["region"], "GB", "{json}");
}

#[test]
fn the_advice_lists_every_reading() {
    let r = |region: &str, intl: &str| Reading {
        region: region.into(),
        e164: intl.replace(' ', ""),
        international: intl.into(),
    };
    assert_eq!(
        add_country_code_advice(&[r("US", "+1 207-946-0958"), r("GB", "+44 20 7946 0958")]),
        "add it, e.g. +1 207-946-0958 (US) or +44 20 7946 0958 (GB)"
    );
}
