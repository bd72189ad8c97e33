#!/usr/bin/env python3
"""Writes the seed corpus of test/fuzz (test/fuzz/corpus/<harness>/).

The seeds are committed; this script only documents how the binary ones
were made and remakes them: python3 test/fuzz/make_seeds.py.  Each encodes
one case in the layout the harness reads (fuzz_input.h): an integer is a
tag byte 4 and 8 bytes big-endian, a flag a byte 0 or 1.
"""
import datetime
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def i64(v):
    return bytes([4]) + v.to_bytes(8, "big", signed=True)


def u8(v):
    return bytes([v])


def day(y, m, d):
    """Days since 2000-01-01 of any proleptic Gregorian date (H. Hinnant)."""
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468 - 10957


assert day(2024, 3, 15) == (datetime.date(2024, 3, 15) - datetime.date(2000, 1, 1)).days


def write(harness, name, data):
    d = os.path.join(HERE, "corpus", harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# ---- fuzz_award --------------------------------------------------------
P = {n: i for i, n in enumerate("""share_ratio cap cap_above_scale cap_below_scale
    cap_specialized_sme fixed_amount fixed_amount_above_scale fixed_amount_below_scale
    provincial_max provincial_max_specialized_sme requires_manufacturer requires_above_scale
    requires_statistics_reporting min_revenue min_investment requires_in_catalogue
    requires_in_production min_service_start_date purchase_window_years min_running_months
    requires_in_use min_cloud_stars requires_innovative_mode first_time_only
    quota_enterprises_per_year stacking_exempt""".split())}
KIND = {"share": 0, "spending_share": 1, "fixed": 2, "approved": 3, "none": 4}
TRI = {None: 0, False: 1, True: 2}
FACTS = ["provincial_amount", "expenditure", "investment", "approved_amount",
         "revenue", "cloud_stars", "service_start"]
TRIS = ["in_use", "innovative_mode", "in_catalogue", "in_production", "reports_statistics"]


def evaluation(code, kind, params, facts, in_force=0, in_force_date=0):
    b = u8(0) + u8(len(code)) + code.encode()[:8]
    b += u8(KIND[kind]) + u8(in_force) + i64(in_force_date)
    present = sum(1 << P[n] for n in params)
    b += present.to_bytes(4, "big")
    for n in sorted(params, key=lambda n: P[n]):
        b += i64(params[n])
    b += u8(facts.get("above_scale", 0) | facts.get("specialized", 0) << 1
            | facts.get("manufacturer", 0) << 2)
    b += i64(facts.get("qualifying_date", day(2024, 3, 15)))
    b += i64(facts.get("applied_on", day(2024, 3, 15)))
    for n in FACTS:
        b += u8(1) + i64(facts[n]) if n in facts else u8(0)
    for n in TRIS:
        b += u8(TRI[facts.get(n)])
    return b


write("fuzz_award", "share_eligible", evaluation(
    "1", "share", {"share_ratio": 200000, "cap": 40000000, "provincial_max": 200000000},
    {"provincial_amount": 94653127}))
write("fuzz_award", "share_warning_capped", evaluation(
    "1", "share", {"share_ratio": 200000, "cap": 40000000, "provincial_max": 200000000},
    {"provincial_amount": 300000000}))
write("fuzz_award", "spending_share_conditions", evaluation(
    "3", "spending_share",
    {"share_ratio": 500000, "cap_above_scale": 5000000, "cap_below_scale": 3000000,
     "requires_manufacturer": 1, "purchase_window_years": 1, "min_running_months": 3,
     "requires_in_use": 1},
    {"manufacturer": 1, "expenditure": 8000000, "service_start": day(2023, 6, 1),
     "in_use": True}))
write("fuzz_award", "spending_share_ineligible", evaluation(
    "3", "spending_share",
    {"share_ratio": 500000, "requires_manufacturer": 1, "min_running_months": 3,
     "min_cloud_stars": 3, "requires_innovative_mode": 1},
    {"expenditure": 8000000, "service_start": day(2024, 1, 31), "cloud_stars": 2,
     "innovative_mode": False}))
write("fuzz_award", "fixed_by_scale", evaluation(
    "5", "fixed",
    {"fixed_amount_above_scale": 10000000, "fixed_amount_below_scale": 5000000,
     "min_revenue": 100000000, "requires_statistics_reporting": 1},
    {"above_scale": 1, "revenue": 200000000, "reports_statistics": True}))
write("fuzz_award", "approved_pending", evaluation(
    "7", "approved", {"requires_in_catalogue": 1}, {"in_catalogue": True}))
write("fuzz_award", "not_yet_in_force", evaluation(
    "2", "share", {"share_ratio": 300000}, {"provincial_amount": 1000}, in_force=1,
    in_force_date=day(2025, 1, 1)))
write("fuzz_award", "no_cash_award", evaluation("9", "none", {}, {}))
# Finding 1 (test/fuzz/README.md, fixed): the inputs that showed award.c's
# calendar narrower than PostgreSQL's, kept so that every run tries them.
FAR = day(4500000, 6, 1)      # a date PostgreSQL accepts, once beyond award.c's calendar
write("fuzz_award", "finding_1_window_before_calendar", evaluation(
    "3", "spending_share", {"share_ratio": 500000, "purchase_window_years": 5000000},
    {"expenditure": 8000000, "service_start": day(2023, 6, 1)}))
write("fuzz_award", "finding_1_window_after_calendar", evaluation(
    "3", "spending_share", {"share_ratio": 500000, "purchase_window_years": 0},
    {"expenditure": 8000000, "service_start": FAR, "applied_on": FAR, "qualifying_date": FAR}))
write("fuzz_award", "finding_1_running_after_calendar", evaluation(
    "3", "spending_share", {"share_ratio": 500000, "min_running_months": 0},
    {"expenditure": 8000000, "service_start": FAR, "applied_on": FAR, "qualifying_date": FAR}))
write("fuzz_award", "share_capped", u8(2) + i64(125000) + i64(123456789) + u8(0) + u8(0) + u8(1)
      + u8(1) + i64(1000000) + u8(0) + u8(1) + i64(500000) + u8(0) + u8(1) + u8(0))
write("fuzz_award", "money_and_ratio", u8(3) + i64(-150000000) + u8(10) + i64(125000) + u8(5))
write("fuzz_award", "dates", u8(4) + i64(day(2024, 1, 31)) + i64(1) + i64(2024) + i64(2)
      + i64(29) + u8(11))

# ---- fuzz_allocation ---------------------------------------------------
NO_CAP = u8(0)


def cap(v):
    return NO_CAP if v is None else u8(1) + i64(v)


def row(other=0, claims=1, over_quota=0, exempt=0, amount=0, cap_=None, cap_group=0,
        stacking_group=0):
    flags = other | claims << 1 | over_quota << 2 | exempt << 3 | 1 << 4 | 1 << 5
    return u8(flags) + i64(amount) + cap(cap_) + u8(cap_group) + u8(stacking_group)


# award_test.c's test_group_steps: a shared cap, quota, stacking, an exempt award
write("fuzz_allocation", "group_steps", u8(0) + u8(8) + u8(7) + u8(7)
      + row(amount=3000000, cap_=5000000, cap_group=0, stacking_group=0)
      + row(amount=3000000, cap_=5000000, cap_group=0, stacking_group=1, over_quota=1)
      + row(amount=3000000, cap_=5000000, cap_group=0, stacking_group=2)
      + row(amount=20000000, cap_group=1, stacking_group=3)
      + row(other=1, claims=0, amount=30000000, stacking_group=3)
      + row(amount=8000000, cap_group=3, stacking_group=4)
      + row(amount=9000000, cap_group=2, stacking_group=4)
      + row(amount=100, exempt=1, cap_group=4, stacking_group=5))
write("fuzz_allocation", "group_steps_overflow", u8(0) + u8(2) + u8(0) + u8(0)
      + row(amount=2**63 - 1) + row(amount=2**63 - 1))
write("fuzz_allocation", "allocate", u8(2) + u8(3)
      + u8(0x30) + i64(3000000) + cap(5000000)
      + u8(0x10) + i64(3000000) + cap(5000000)
      + u8(0x20) + i64(3000000) + cap(5000000) + u8(2) + u8(1))
write("fuzz_allocation", "candidates", u8(3)
      + u8(1 | 4 | 8) + i64(500) + i64(10) + i64(1)
      + u8(1 | 2) + i64(500)
      + u8(1 | 4 | 8) + i64(500) + i64(10) + i64(2))

# ---- fuzz_csv: a config byte (1: skip_bom, 2: write back with CRLF, ...) and a room byte
write("fuzz_csv", "quoted", b"\x01\x80" + b'id,name,amount\r\n1,"Acme, Ltd.",12.50\r\n'
      b'2,"say ""hi""\nnext line",\r\n')
write("fuzz_csv", "bom_empty_lines", b"\x01\x05" + b"\xef\xbb\xbfa,b\n\n\nc,d\n\"\"\nlast")
write("fuzz_csv", "many_fields_little_room", b"\x26\x07" + b"a,b,c,d,e,f\n1,2,3,4,5,6\n")
write("fuzz_csv", "unterminated", b"\x00\x80" + b'x,y\n"open\n,still')
write("fuzz_csv", "lone_cr", b"\x00\x80" + b"a\rb\n")
write("fuzz_csv", "quote_errors", b"\x00\x80" + b'a,b"c\n"d"e\n')

# ---- fuzz_credit_code: codes as text (bytes 19 and 20 choose the changes)
for name, code in [("valid_1", b"91350100M000100Y43"), ("valid_2", b"91110000600037341L"),
                   ("valid_3", b"121000004000003980"), ("valid_changes", b"5200000000000000AKQ7"),
                   ("bad_check", b"91350100M000100Y44"), ("lower_case", b"91350100m000100Y43"),
                   ("unused_letter", b"9135010OM000100Y43"), ("short", b"9135010")]:
    write("fuzz_credit_code", name, code)
