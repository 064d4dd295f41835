"""ACLED's conventions for what a news report leaves open: unnamed actors, the region, the source scale.

**Unnamed actors.** ACLED names a side it cannot identify instead of leaving it empty (ACLED
Codebook, "Actor names"): an unknown attacker is "Unidentified Armed Group (Country)", coded as a
political militia (inter 3); unnamed demonstrators are "Protesters (Country)" (6) and unnamed rioters
"Rioters (Country)" (5). Violence against civilians always has civilians as the second side:
"Civilians (Country)" (7). The country is where the event happened. An event's own record keeps
`null` for a side the text does not name; only the ACLED export fills it in.

**Region.** ACLED groups countries into its own regions, close to the UN M49 sub-regions but not
the same: the Middle East is Western Asia without the Caucasus (and Cyprus, which is in Europe) but
with Iran; Armenia, Azerbaijan and Georgia join Central Asia as "Caucasus and Central Asia"; Russia
is in Europe; Angola, Madagascar, Malawi, Mozambique, Zambia and Zimbabwe are in Southern Africa;
Mexico is in Central America. The table below is that grouping by ISO3.

**Source scale.** ACLED rates the scale of the sources behind an event: Local, Subnational,
National, Regional, International, and pairs like "National-International" when sources of two
scales report it. Each named source gets a scale: a witness or local source is Local; a government,
army, state or other medium of the event's own country is National, of another country
International; the UN and NGOs are International; an armed group speaking for itself is Other.
Every event also rests on the German outlet that printed it, which is International unless the
event is in Germany (then National). The pair written is the smallest and the largest scale
present ("Local-International"); one scale alone is written alone.
"""

from __future__ import annotations

from typing import Any

from lagebild.countries import country_name

REGIONS: dict[str, str] = {
    "Northern Africa": "DZA EGY LBY MAR SDN TUN ESH",
    "Western Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SHN SEN SLE TGO",
    "Middle Africa": "CMR CAF TCD COG COD GNQ GAB STP",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN RWA SYC SOM SSD TZA UGA MYT REU IOT",
    "Southern Africa": "AGO BWA SWZ LSO MDG MWI MUS MOZ NAM ZAF ZMB ZWE",
    "Middle East": "BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM",
    "Caucasus and Central Asia": "ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "South Asia": "AFG BGD BTN IND MDV NPL PAK LKA",
    "Southeast Asia": "BRN KHM TLS IDN LAO MYS MMR PHL SGP THA VNM",
    "East Asia": "CHN HKG JPN PRK KOR MAC MNG TWN",
    "Europe": "ALA ALB AND AUT BLR BEL BIH BGR HRV CYP CZE DNK EST FRO FIN FRA DEU GIB GRC GGY HUN ISL IRL IMN "
    "ITA JEY XKX LVA LIE LTU LUX MLT MDA MCO MNE NLD MKD NOR POL PRT ROU RUS SMR SRB SVK SVN ESP SJM SWE CHE "
    "UKR GBR VAT",
    "North America": "CAN USA BMU GRL SPM",
    "Central America": "BLZ CRI SLV GTM HND MEX NIC PAN",
    "South America": "ARG BOL BRA CHL COL ECU FLK GUF GUY PRY PER SUR URY VEN SGS BVT",
    "Caribbean": "AIA ATG ABW BHS BRB BES VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR PRI BLM KNA LCA MAF VCT "
    "SXM TTO TCA VIR",
    "Oceania": "AUS NZL CXR CCK NFK HMD FJI NCL PNG SLB VUT GUM KIR MHL FSM NRU MNP PLW UMI ASM COK PYF NIU PCN WSM "
    "TKL TON TUV WLF",
    "Antarctica": "ATA ATF",
}
REGION_OF: dict[str, str] = {iso3: name for name, codes in REGIONS.items() for iso3 in codes.split()}

SCALES = ("Local", "Subnational", "National", "Regional", "International", "Other")
HOME = "DEU"  # lagebild reads German news: the outlet is national for events in Germany, else international


def region(iso3: str | None) -> str:
    """ACLED's region of a country ("" when the country is not known)."""
    return REGION_OF.get(iso3 or "", "")


def _scale(source: dict[str, Any], iso3: str) -> str | None:
    kind, home = source.get("kind"), source.get("country")
    if kind in ("local", "witness"):
        return "Local"
    if kind in ("un", "ngo"):
        return "International"
    if kind == "armed_group":
        return "Other"
    if home:
        return "National" if home == iso3 else "International"
    return None  # an outlet or office of no known country says nothing about the scale


def source_scale(sources: list[dict[str, Any]], iso3: str) -> str:
    """ACLED's source_scale for an event's named sources plus the German outlet that reported it."""
    found = {s for src in sources if (s := _scale(src, iso3))}
    found.add("National" if iso3 == HOME else "International")
    ordered = [s for s in SCALES if s in found]
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]}-{ordered[-1]}"


def _unnamed(event_type: str, iso3: str) -> dict[str, Any]:
    where = f" ({country_name(iso3, 'en')})" if iso3 else ""
    if event_type == "Protests":
        return {"name": f"Protesters{where}", "kind": "protesters", "country": iso3 or None}
    if event_type == "Riots":
        return {"name": f"Rioters{where}", "kind": "rioters", "country": iso3 or None}
    return {"name": f"Unidentified Armed Group{where}", "kind": "political_militia", "country": iso3 or None}


def actor1_of(e: dict[str, Any], iso3: str) -> dict[str, Any]:
    """The acting side, or ACLED's name for an unidentified one."""
    return e.get("actor1") or _unnamed(e["event_type"], iso3)


def actor2_of(e: dict[str, Any], iso3: str) -> dict[str, Any]:
    """The side acted upon; for violence against civilians, civilians when the text names none."""
    if e.get("actor2"):
        return e["actor2"]
    if e["event_type"] == "Violence against civilians":
        where = f" ({country_name(iso3, 'en')})" if iso3 else ""
        return {"name": f"Civilians{where}", "kind": "civilians", "country": iso3 or None}
    return {}
