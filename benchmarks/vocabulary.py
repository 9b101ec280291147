"""Words and sentence templates of the synthetic corpus, written for it.

A quote template marks one word a copy may alter as ``[original>altered]``;
a full quote has two clauses, the second of which a copy may cut.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST_NAMES: tuple[tuple[str, str], ...] = (
    ("Amara", "she"), ("Bronwen", "she"), ("Catriona", "she"), ("Delphine", "she"), ("Efua", "she"),
    ("Farida", "she"), ("Gwenllian", "she"), ("Hollis", "she"), ("Imelda", "she"), ("Jessamy", "she"),
    ("Kerensa", "she"), ("Lowenna", "she"), ("Marisol", "she"), ("Nerys", "she"), ("Orla", "she"),
    ("Perpetua", "she"), ("Rosalind", "she"), ("Saoirse", "she"), ("Tamsin", "she"), ("Ursula", "she"),
    ("Anselm", "he"), ("Barnaby", "he"), ("Cormac", "he"), ("Desmond", "he"), ("Emeka", "he"),
    ("Fergus", "he"), ("Gideon", "he"), ("Hamish", "he"), ("Ifan", "he"), ("Jericho", "he"),
    ("Kwabena", "he"), ("Lachlan", "he"), ("Malachy", "he"), ("Nikolai", "he"), ("Oswin", "he"),
    ("Piran", "he"), ("Rhodri", "he"), ("Soren", "he"), ("Tobias", "he"), ("Wystan", "he"),
)
"""First names and the pronoun a story uses for the person."""

SURNAMES: tuple[str, ...] = (
    "Abernethy", "Adeyemi", "Blackwood", "Brennock", "Castellane", "Chowdry", "Dunmore", "Ekwueme",
    "Fairbairn", "Faulkner", "Greaves", "Halloran", "Hartigan", "Ibbotson", "Jurado", "Kavanagh",
    "Kilbride", "Lanyon", "Larkspur", "Mabbott", "Mcandrew", "Nankervis", "Oduya", "Pengelly",
    "Quarrie", "Rathbone", "Rowntree", "Sallis", "Sandoval", "Tregear", "Ulverston", "Varga",
    "Wetherall", "Whitlock", "Yardley", "Zeller", "Penhallow", "Ashworth", "Trelawny", "Okonkwo",
)

PLACE_STARTS: tuple[str, ...] = (
    "Ash", "Bram", "Carn", "Dun", "Elm", "Fen", "Gar", "Hol", "Kirk", "Lang", "Mar", "Nor", "Oak",
    "Pen", "Rath", "Sel", "Thorn", "Wal", "Whit", "Wick",
)
PLACE_ENDS: tuple[str, ...] = (
    "bury", "combe", "dale", "field", "ford", "gate", "ham", "holme", "ley", "mouth", "stead", "ton",
    "well", "worth",
)

OUTLETS: tuple[str, ...] = (
    "Northern Ledger", "Valley Courier", "Coastline Post", "Midland Herald Online", "Daily Lantern",
    "County Gazette", "Wire Service North", "Metro Digest", "Newsroundup.example", "The Morning Slate",
)

WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July", "August",
                           "September", "October", "November", "December")

ORG_SUFFIX_SWAPS: tuple[tuple[str, str], ...] = (
    ("Trust", "Foundation"), ("Alliance", "Network"), ("Society", "Guild"), ("Forum", "Council"),
    ("Institute", "Centre"), ("Partnership", "Coalition"),
)
"""An organisation's last word and the one a careless copy gives it instead."""


@dataclass(frozen=True)
class Topic:
    """What a family of stories is about, and the words its articles use."""

    name: str
    """Short name, used in story ids."""
    organisation: str
    """The body that acts, with ``{place}`` for the town ("{place} City Council")."""
    announced_by: str
    """Who announced it, as narration says ("the council")."""
    action: str
    """What it will do, before the count ("build", "open")."""
    things: str
    """What is counted ("new homes")."""
    programme: str
    """What the money pays for ("housing programme")."""
    lead_titles: tuple[str, ...]
    """Titles of the first speaker, written before the name."""
    second_body: str
    """The body the second speaker belongs to."""
    second_titles: tuple[str, ...]
    """Titles of the second speaker, written after the name."""
    critic_body: tuple[str, str]
    """The third speaker's organisation: a first word and a last word from :data:`ORG_SUFFIX_SWAPS`."""
    critic_titles: tuple[str, ...]
    """Titles of the third speaker."""
    partial_quotes: tuple[str, ...]
    """Words quoted inside narration ("said the plan was ...")."""
    full_quotes: tuple[tuple[str, str], ...]
    """Whole utterances in two clauses."""
    critic_quotes: tuple[str, ...]
    """Whole utterances of the critic."""
    background: tuple[str, ...]
    """Narration sentences with no quote, ``{place}`` allowed."""


TOPICS: tuple[Topic, ...] = (
    Topic(
        "housing", "{place} Borough Council", "the council", "build", "new council homes", "housing programme",
        ("Council leader", "Housing cabinet member", "Deputy leader"),
        "residents' association", ("chair", "secretary", "treasurer"),
        ("Tenants", "Alliance"), ("director", "policy lead", "spokesperson"),
        ("the [biggest>boldest] building push in a generation", "long overdue and badly [needed>wanted]",
         "a [fair>cheap] deal for families on the waiting list", "a [promise>gamble] we intend to keep"),
        (("Every one of these homes will be let at a [social>modest] rent",
          "unless the government changes the rules again"),
         ("We will not sell a single plot to private [developers>investors]", "whatever the pressure on the budget"),
         ("Families have waited [far>too] long for a secure place to live", "and this programme finally answers them")),
        ("Nobody here [objects>cares] to new homes, but the roads cannot take the traffic",
         "We were [promised>offered] a say on the design and we have had none",
         "The council has to show its [figures>workings] before anyone signs off"),
        ("Waiting lists in {place} have grown every year since the last programme ended.",
         "The homes will be built on former depot land to the east of the town centre.",
         "Opposition councillors have questioned whether the timetable is realistic."),
    ),
    Topic(
        "transport", "{place} Transport Authority", "the authority", "add", "tram stops", "tram extension",
        ("Transport commissioner", "Authority chair", "Chief executive"),
        "passenger group", ("convenor", "chair", "campaigns officer"),
        ("Cyclists", "Forum"), ("coordinator", "director", "founder"),
        ("the most [important>expensive] project the region has seen", "a [lifeline>bonus] for the outer estates",
         "[essential>useful] if the city is to grow", "a [serious>modest] answer to congestion"),
        (("Trams will run every six minutes at [peak>busy] times", "once the new depot is finished"),
         ("Fares will be [frozen>capped] for the first year", "provided the government grant arrives on time"),
         ("We have [listened>responded] to every objection about noise", "and changed the route where we could")),
        ("The plans leave cyclists [squeezed>stranded] between rails and parked cars",
         "We [support>accept] the extension but not at the cost of the towpath",
         "Nobody has [explained>justified] why the cheaper bus option was dropped"),
        ("Construction will close two main roads in {place} for several months.",
         "The extension follows the line of a railway that closed in the nineteen sixties.",
         "Business owners along the route have asked for compensation during the works."),
    ),
    Topic(
        "museum", "{place} Museum", "the museum", "return", "carved panels", "restitution programme",
        ("Senior curator", "Museum director", "Head of collections"),
        "board of trustees", ("chairwoman", "vice-chair", "trustee"),
        ("Heritage", "Society"), ("historian", "secretary", "archivist"),
        ("a [debt>duty] we have owed for a century", "the [right>only] decision for the collection",
         "[overdue>premature] by any honest measure", "a [model>warning] for other institutions"),
        (("We held these objects in [trust>storage], never in ownership", "and we always knew this day would come"),
         ("The panels will travel home with [full>limited] documentation", "so that their history is never lost again"),
         ("Our visitors have [asked>demanded] for years where these objects came from", "and now we can answer them")),
        ("This decision was [taken>rushed] without asking the people of {place}",
         "We [welcome>regret] the return but the gallery will feel empty",
         "The archive shows the panels were [bought>seized], and that matters"),
        ("The panels have not been on public display since the gallery was refurbished.",
         "The museum's collection policy was rewritten after a public consultation.",
         "Schools in {place} have used the panels in history lessons for decades."),
    ),
    Topic(
        "factory", "{place} Precision Components", "the company", "create", "jobs", "expansion",
        ("Managing director", "Operations director", "Chief executive"),
        "local union branch", ("secretary", "convenor", "organiser"),
        ("Chamber", "Partnership"), ("president", "economist", "director"),
        ("a [huge>fair] vote of confidence in {place}", "the [best>first] news the town has had in years",
         "[proof>hope] that manufacturing has a future here", "a [long-term>short-term] commitment to the area"),
        (("We expect to hire [mostly>partly] from the local college", "as long as the training grants continue"),
         ("No existing staff will be [moved>asked] to other sites", "and every current contract will be honoured"),
         ("The new line will [double>raise] our output of precision parts", "once the second building is open")),
        ("We want these jobs to be [permanent>secure], not agency work",
         "The company has [promised>suggested] growth before and it never came",
         "Suppliers across {place} will [benefit>suffer] from the extra orders"),
        ("The site was once the largest employer in {place}.",
         "Unemployment in the area is above the national average.",
         "The expansion needs planning permission for a second building."),
    ),
    Topic(
        "hospital", "{place} General Hospital", "the hospital trust", "open", "new beds", "ward extension",
        ("Chief nurse", "Medical director", "Trust chief executive"),
        "patients' council", ("chair", "vice-chair", "spokesman"),
        ("Health", "Institute"), ("researcher", "analyst", "fellow"),
        ("the [biggest>quickest] change to the hospital in a decade", "a [relief>distraction] for staff on the wards",
         "[vital>helpful] for patients waiting in corridors", "[carefully>hastily] planned over two winters"),
        (("Nobody should wait [hours>days] on a trolley for a bed", "and this extension means they will not have to"),
         ("We will recruit [extra>agency] nurses before the ward opens", "so that no other ward is left short"),
         ("Patients will be [treated>assessed] closer to home", "instead of travelling across the county")),
        ("Beds alone will [not>never] fix the delays in discharge",
         "The trust has [struggled>failed] to staff the beds it already has",
         "Patients in {place} deserve a [clear>quick] answer on waiting times"),
        ("Corridor care at the hospital was criticised by inspectors last year.",
         "The extension will be built on the site of a former car park.",
         "Ambulance handover times in {place} are among the longest in the region."),
    ),
)
