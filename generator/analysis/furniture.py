"""Page furniture, line by line: the classes of lines a news page wraps around
its article (links to other articles, prompts, credits, footers...), each with
the reason a reader is shown when the line is removed.

This module judges one line on its own. Where a line sits (a list after an
"Also read" label, the lines after the article's last paragraph) is the clean
stage's business: it calls ``line_reason`` first, then ``is_headline_like``,
``is_sentence`` and ``list_label`` to read the page around it.

False removals hide article text, so every class is written against the
sentences that look like it: a class either needs a label that never opens an
article sentence ("Also read:", "Photo:", "©"), or the whole line must be made
of furniture words, or the line must speak to the reader ("your inbox", "support
us") and report nobody's speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*(?:[-*•–·▪►»]|\d{1,2}[.)])\s+")
_CLOSING = "\"'”’»)]"
_SENTENCE_FINAL = ".!?…"

# Reported speech: a line that quotes or reports someone is article text, even
# when its words are those of a prompt ("'Sign up today,' the chair said").
_SPEECH = re.compile(
    r"[\"“”„«»]|\b(?:said|says|told|tells|added|adds|asked|urged|urges|warned|warns|wrote|explained|insisted|"
    r"claimed|according to|announced|argued|joked|replied)\b",
    re.IGNORECASE)

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\.?|wednesday|saturday"
_DATE_TOKEN = re.compile(
    rf"^(?:\d{{1,2}}(?:st|nd|rd|th)?|\d{{4}}|\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?(?:am|pm)?|\d{{1,2}}(?:am|pm)|"
    rf"a\.?m\.?|p\.?m\.?|\d{{4}}-\d{{2}}-\d{{2}}(?:t[\d:.+z-]*)?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{_MONTH}|{_WEEKDAY}|"
    r"gmt|bst|utc|cet|cest|est|edt|pst|pdt|et|pt|on|at|the|of|ago|yesterday|today|just|now|a|an|one|few|"
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|-|published|updated|last|first|"
    r"posted|modified|date|time)$")
# A token that makes a run of date words a date or time, not just "on the".
_DATE_ANCHOR = re.compile(rf"\d|^{_MONTH}$|^(?:{_WEEKDAY})$|^(?:yesterday|today|now)$")
_TIMESTAMP_LABEL = re.compile(
    r"^(?:published|updated|last updated|first published|posted|modified|last modified|date)\b\s*(?:on|at)?\s*:?",
    re.IGNORECASE)
_READING_TIME = re.compile(r"^(?:\d+\s*-?\s*min(?:ute)?s?\.?\s+read|reading time\s*:?\s*\d+\s*min(?:ute)?s?)$",
                           re.IGNORECASE)
_HAS_DATE = re.compile(rf"\d{{1,2}}[:.]\d{{2}}|\b\d{{4}}\b|\b{_MONTH}\b|\bago\b|\b(?:yesterday|today)\b",
                       re.IGNORECASE)

# A person's name as bylines write it: two to four capitalised words, a
# particle allowed ("Ana de la Cruz"); never a weekday or month ("By Tuesday").
_NOT_A_NAME = (r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
               r"June|July|August|September|October|November|December|The|This|That|Then|Now)\b)")
_NAME = (rf"{_NOT_A_NAME}[A-Z][\w'’.-]*(?:\s+(?:(?:de|da|di|du|van|von|der|den|del|la|le|bin|al|ap|y)\s+)*"
         r"[A-Z][\w'’.-]*){1,3}")
_BYLINE_PART = re.compile(
    rf"^(?:(?i:by)|(?i:posted|written|words|reporting|report|story|additional reporting|edited|editing|compiled|"
    rf"live reporting|live coverage|live updates)"
    rf"\s+(?i:by))\s+{_NAME}(?:\s*(?:,|\band\b|&|;)\s*(?:(?i:editing|reporting|writing)\s+(?i:by)\s+)?{_NAME})*"
    r"(?:\s+(?i:staff|reporters?|correspondents?))?"
    r"(?:\s*(?:,|\||\bin\b|\bfor\b|\bat\b|\bon\b)\s*[^,;!?]{2,60}?){0,3}\.?$")
_ROLE_BYLINE = re.compile(
    r"^(?:by\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,2}\s*,?\s+(?:[A-Z]?[a-z]+\s+)?(?:reporter|correspondent|editor)$",
    re.IGNORECASE)
_ROLE_WORD = re.compile(r"\b(?:correspondent|reporter|editor|writer|columnist|staff|critic)$", re.IGNORECASE)
_BYLINE_DETAIL = re.compile(r"(?P<name>[A-Z][\w'-]+ [A-Z][\w'-]+)\s+(?P<role>(?:[A-Z][a-z]+ )?"
                            r"(?:reporter|correspondent|editor|writer))\b")

_SHARE_WORDS = frozenset(
    "share save tweet email e-mail print copy link facebook twitter x whatsapp linkedin reddit pinterest messenger "
    "telegram flipboard bluesky threads mastodon sms on via this article story page the to".split())
_SHARE_CORE = frozenset(
    "share tweet facebook twitter whatsapp linkedin reddit pinterest messenger telegram flipboard bluesky print email "
    "e-mail".split())
_FOOTER_WORDS = frozenset(
    "about us contact privacy policy notice terms and conditions of use service cookies cookie accessibility "
    "careers jobs advertise advertising with help faq faqs sitemap site map rss feeds archive corrections "
    "complaints editorial standards code conduct statement settings manage preferences our team masthead shop "
    "store events licensing syndication newsletters modern slavery do not sell my personal information info "
    "&".split())
_FOOTER_CORE = frozenset("privacy terms contact about accessibility advertise sitemap careers complaints".split())
_CONSENT_WORDS = frozenset(
    "accept reject allow decline refuse all cookies cookie optional non-essential essential manage preferences "
    "settings options agree i ok got it more info information consent and continue necessary only".split())
_CONSENT_CORE = frozenset("accept reject allow decline refuse consent agree".split())
_NETWORK = (r"(?:facebook|twitter|x|instagram|tiktok|youtube|linkedin|threads|bluesky|mastodon|whatsapp|telegram|"
            r"snapchat|reddit|pinterest|messenger|flipboard|social media)")
# Words a headline does not end on; a line cut off mid-sentence often does.
_DANGLING = frozenset(
    "the a an and or but of to in on at for with by from that which who was were is are be been would will could "
    "should has have had as it its their his her our this these those than".split())
_REPORTED_PAST = re.compile(r"\b(?:said|told)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FurnitureClass:
    """One kind of page furniture: the patterns of its lines and the reason shown."""

    reason: str
    """Why a line of this class is removed, in words a reader understands."""
    opening: re.Pattern[str] | None
    """The alternatives that match at the start of a line, in one expression."""
    anywhere: re.Pattern[str] | None
    """The alternatives that may match anywhere in it."""
    keywords: tuple[str, ...]
    """Words one of which every match of ``anywhere`` holds: a line without
    them is not scanned (most lines of an article are not)."""
    spoken_is_article: bool = True
    """When True, a line that quotes or reports someone is never of this class."""
    max_words: int = 60
    """Longer lines are article text, whatever they match."""


    def matches(self, line: str, lowered: str) -> bool:
        """True when the line (and ``lowered``, the same in lowercase) is of this class, by its patterns alone."""
        if self.opening and self.opening.match(line):
            return True
        return bool(self.anywhere and any(k in lowered for k in self.keywords) and self.anywhere.search(line))


def _class(reason: str, *patterns: str, spoken_is_article: bool = True, max_words: int = 60,
           keywords: tuple[str, ...] = ()) -> FurnitureClass:
    def joined(alternatives: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(f"(?:{p})" for p in alternatives), re.IGNORECASE) if alternatives else None

    opening = [p for p in patterns if p.startswith("^")]
    anywhere = [p for p in patterns if not p.startswith("^")]
    if anywhere and not keywords:
        raise ValueError(f"{reason}: patterns that match anywhere need their keywords")
    return FurnitureClass(reason, joined(opening), joined(anywhere), keywords, spoken_is_article, max_words)


# The labels of a list of links to other articles, alone on their line.
_LIST_LABEL = re.compile(
    r"^(?:also read|read also|also see|see also|read more|read next|more on this( story| topic)?|"
    r"more from (?:[\w'’&-]+\s?){1,4}|"
    r"more (?:stories|news|articles|coverage|releases|press releases|updates)( from (?:[\w'’&-]+\s?){1,4})?|"
    # A synonym spinner's "Also read": "Additionally learn", "Also study", "Learn additionally".
    r"(?:additionally|also|as well) (?:read|learn|study|see)|(?:read|learn|study) (?:additionally|also|as well)|"
    r"related( stories| articles| content| coverage| links| reading| posts| news)?|"
    r"recommended( stories| articles| reading| for you| posts)?|further reading|"
    r"you (?:may|might) (?:also )?like|you may have missed|don'?t miss|editor'?s picks?|top stories|"
    r"most (?:read|popular|viewed|shared|commented)|popular (?:now|stories|articles|posts)|"
    r"trending( now| stories| articles| posts)?|"
    r"latest (?:news|stories|headlines)|elsewhere on (?:[\w'’&-]+\s?){1,4}|(?:from )?around the web|in other news|"
    r"what to read next|more like this|more to explore|explore more|keep reading|popular|trending)\s*[:›»>]?\s*$",
    re.IGNORECASE)
# The same labels with the linked headline on the same line: "Also read: ...".
_INLINE_LINK = re.compile(
    r"^(?:also read|read also|also see|see also|read more|read next|more on this story|more on this|related|"
    r"recommended|further reading|don'?t miss|editor'?s pick|most read|top story|next story|"
    r"(?:additionally|also|as well) (?:read|learn|study|see)|(?:read|learn|study) (?:additionally|also|as well)|"
    r"more from (?:[\w'’&-]+\s?){1,4}|also in (?:[\w'’&-]+\s?){1,4}|live)\s*[:—–|]\s*(?P<rest>\S.*)$",
    re.IGNORECASE)
_TOPIC_LABEL = re.compile(
    r"^(?:topics?|tags?|filed under|more about|related topics|categor(?:y|ies)|posted in|subjects?|"
    r"more on these topics)\s*(?::\s*(?P<rest>\S.*))?$",
    re.IGNORECASE)
_VIDEO = re.compile(
    r"^(?:(?:watch|listen|play video|watch video|watch again|podcast)\s*:|(?:video|audio)\s*[:,])\s*(?P<rest>\S.*)$",
    re.IGNORECASE)
_VIDEO_SUFFIX = re.compile(
    r"\s[-–—]\s*(?:video|audio|watch)(?:\s*,\s*(?:\d+\s*(?:min|mins|minutes?|sec|secs|seconds?|s|m)\b\s*)+)?$",
    re.IGNORECASE)
_CREDIT_LABEL = re.compile(
    r"^(?:(?:photo(?:graph)?s?|images?|pictures?|pics?|illustrations?|credits?|main image|top image|header image)"
    r"\s*:|(?:photo credits?|image credits?|picture credits?|image source|photo source)\s*[:,])\s*(?P<rest>\S.*)$",
    re.IGNORECASE)
_CREDIT_BARE = re.compile(r"^(?:photo|image|picture) credits?\b\s*(?P<rest>.*)$", re.IGNORECASE)
_CREDIT_IN_BRACKETS = re.compile(
    r"^\((?:photo(?:graph)?|image|picture|pic|credit|illustration)s?\s*:[^()]{1,80}\)$", re.IGNORECASE)
_CAPTION_WITH_CREDIT = re.compile(
    r"(?:^|[\s(|])(?:photo(?:graph)?|image|picture|pic|credit|photo credit|image credit)s?\s*:\s*"
    r"(?P<credit>[^.:;!?()]{1,60})\)?$",
    re.IGNORECASE)
_CREDIT_WORDS = frozenset("and of for via the de van von der la le &".split())
_AGENCY = re.compile(r"^(?:image|photo|picture)?\s*(?:source|credit)?[,:]?\s*(?:reuters|getty images|afp|ap|pa media|"
                     r"pa|epa|shutterstock|bloomberg|alamy|eyevine|bbc)(?:\s*/\s*[\w ]+)?$", re.IGNORECASE)
_COPYRIGHT_NAME = re.compile(r"^(?:(?i:copyright)|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
                             r"[A-Z0-9][\w&.'’-]*(?:\s+(?:[A-Z0-9&][\w&.'’-]*|of|and|the|for))*\.?$")

_LONGEST_FURNITURE = 80
"""No line of furniture is longer, in words (a donation appeal can be a paragraph)."""

# Lines that are furniture wherever they stand; the first class that matches gives the reason.
CLASSES: tuple[FurnitureClass, ...] = (
    _class("site navigation",
           r"^\W*(←\s*)?back to (all )?(articles|stories|news|home|top)\W*$",
           r"^(skip to (main )?(content|navigation)|main menu|menu|open menu|close menu|toggle navigation|search|"
           r"sign in|log in|log out|my account|register|home)\W*$",
           spoken_is_article=False),
    _class("breadcrumb navigation", r"^(home|news)\s*[»›>|/]\s*.+", spoken_is_article=False),
    _class("aggregator links",
           r"^(read original|related products|more articles|related articles|read more|see also)"
           r"(\s+(read original|related products|more articles|related articles|read more|see also))*$",
           spoken_is_article=False),
    _class("timestamp, sharing buttons and byline", r"\bshare\s+save\b", spoken_is_article=False,
           keywords=("save",)),
    _class("sharing buttons",
           r"^(share|save|tweet|email|print|copy link|share this( article| story)?)"
           r"(\s+(share|save|tweet|email|print))*$",
           rf"^share (this( article| story| page| post)?|on ({_NETWORK}|email)|via (email|e-mail|sms|{_NETWORK}))"
           r"\b[^.!?]{0,40}$",
           r"^[\d,.]+k? (shares?|likes?|reactions?)$",
           spoken_is_article=False),
    _class("timestamp", r"^\d+\s+(seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago$",
           r"^\d{1,2}:\d{2}(\s?(am|pm|gmt|bst|utc))?$", spoken_is_article=False),
    _class("reading time", _READING_TIME.pattern, spoken_is_article=False),
    _class("photo credit", _AGENCY.pattern, _CREDIT_IN_BRACKETS.pattern,
           r"^(image|photo(graph)?) (copyright|©)\b", max_words=15),
    _class("photo caption", r"^(image|photo|picture) (caption|source)\b.*", r"^caption\s*:\s*\S", max_words=40),
    _class("video caption", r"^media caption\b", max_words=40),
    _class("audio player", r"^listen to this (article|story)\b[^.!?]{0,30}$", spoken_is_article=False),
    _class("photo gallery", r"^(image|photo|picture|slide)s? \d+ (of|/) \d+$", r"^view (the )?(photo )?gallery\W*$",
           spoken_is_article=False),
    _class("syndication note",
           r"^this (article|story|piece) (was |is )?(originally |first )?(appeared|published|republished)"
           r" (on|in|by|at|with)\b[^.!?]{0,80}\.?$",
           r"^(originally|first) (appeared|published) (on|in|by|at) (the )?(?-i:[A-Z])[^.!?]{0,60}\.?$",
           r"^read the (full|original) (story|article)\b[^.!?]{0,60}\.?$",
           r"^republished (with permission )?(from|by)\b[^.!?]{0,60}\.?$",
           r"^this (live )?(page|feed|blog|article|story) is (provided|supplied|produced|brought to you) by\b"
           r"[^.!?]{0,60}\.?$",
           r"^translated (from|by) (the )?[\w ]{2,30}\.?$",
           r"^this (story|article|report) (was|has been|is) (auto-?(matically )?published|automatically generated|"
           r"generated automatically) from\b[^.!?]{0,80}\.?$",
           max_words=30),
    _class("comment box",
           r"^(leave a (comment|reply)|comments?|post a comment|\d+ comments?)$",
           r"^this site uses akismet to reduce spam\b.*",
           r"^(view|show|read|see|load|hide|add|open) (all |the )?(\d+ )?comments?\W*$",
           r"^comments? \(\d+\)$",
           r"^(\d+ )?(comments?|replies|responses)\s*[|·]?$",
           r"^join the (conversation|discussion|debate)\W*$",
           r"^(be the first to comment|comments are (now )?closed|"
           r"comments? (have been |are )?(closed|disabled|turned off))\W*$",
           r"^share your (thoughts|views) in the comments( below)?\W*$",
           r"^what do you think\?? (let us know|tell us|comment) .{0,40}$"),
    _class("links to other articles", _LIST_LABEL.pattern, spoken_is_article=False),
    _class("ad-blocker notice", r"^ad\s*block(er)? detected$", r"disabling your ad\s*blocker",
           r"^(please )?(turn off|disable|whitelist|allow ?list) (your )?ad\s*block", spoken_is_article=False,
           keywords=("block",)),
    _class("advertisement",
           r"^sponsored\s*:\s*\S[^.!?]{0,80}$",
           r"^(advertisement|advertising|advert|ad|ads|sponsored( content| post| story)?|sponsored by .{1,40}|"
           r"paid (content|post|partnership|promotion)|promoted( content| stories)?|promoted by .{1,40}|"
           r"partner content|(story|article|content) continues below( this)?( advertisement| ad)?|"
           r"continue reading below|scroll (down )?to continue( reading)?|ads? by .{1,30})\W*$",
           r"^bet [£$€]\s?\d+\s*(,|and|&)?\s*get [£$€]\s?\d+\b[^.!?]{0,40}\.?$",
           r"^(new customers only|t\s?&\s?cs apply|terms (and|&) conditions apply|18\+[^.!?]{0,40}|"
           r"please (gamble|bet) responsibly)\.?$",
           spoken_is_article=False),
    _class("newsletter prompt",
           r"^(subscribe|sign up)( now| today| here| for free| free| to our newsletters?| for our newsletters?)?\W*$",
           r"^(sign up|subscribe|register)\b.{0,120}\bnewsletters?\b",
           r"^(get|receive|have)\b.{0,80}\b(in|to|into|straight to|delivered to|direct to) your inbox\b",
           r"[:—–]\s*(get|have|receive) (it|them|this|these|our [\w'’ -]{1,30}) (\w+ )?"
           r"(in|into|to|delivered to|straight to|direct to) your inbox\b",
           r"\bnewsletter sign[- ]?up\b|^newsletters?\W*$|^(our|free) newsletters?\b[^.!?]{0,60}$",
           r"^you('re| are) receiving this (email|e-mail|newsletter|message)\b",
           r"^you (have )?(signed up|subscribed) to\b",
           r"^(enter|type) your e-?mail( address)?\b|^e-?mail address\W*$",
           r"^thank(s| you) for (signing up|subscribing)\b",
           r"^(manage|update|change) your (newsletter |email |e-mail )?(preferences|subscriptions?)\b",
           r"^unsubscribe\b",
           r"^privacy notice\b.{0,160}\bnewsletters?\b",
           r"^(want|like) (more|this)\b.{0,60}\? (sign up|subscribe)\b",
           r"^(sign up|subscribe|register)\b.{0,120}\b(briefing|digest|bulletin|round-?up|daily email|weekly email)\b",
           # "Sign up to Herald Breaking for alerts on your phone": speaks to the reader's device.
           r"^(sign up|subscribe|register)\b.{0,80}\b(alerts?|notifications?)\b.{0,40}\byour (phone|inbox|device|"
           r"email|mobile)\b",
           r"^newsletters?\s*:",
           r"^get (our|the) [^.!?]{0,60}\bnewsletter\b[^.!?]{0,40}\.?$",
           r"^[\d,.]+k? [\w ]{1,40}\balready (subscribe|read it|get it|receive it|have signed up)\.?$",
           r"^enjoying (this|our|the)?\s*[\w'’.&-]+(\s[\w'’.&-]+){0,3}\?$",
           r"^join [\d,.]+ (readers|investors|subscribers|people|others)\b.{0,80}\b(inbox|newsletter|briefing)\b",
           r"^subscribe to (?-i:[A-Z])[\w'’.&-]*( [\w'’.&-]+){0,4} (for|to get|and get)\b",
           max_words=60, keywords=("newsletter", "inbox")),
    _class("donation appeal",
           r"^(please )?(consider )?(support|donate to|give to|contribute to|fund) (independent|quality|local|"
           r"trusted|public[- ]interest|our|fearless|reader[- ]funded|free)\b.{0,40}\b(journalism|reporting|"
           r"newsroom|work|news)\b",
           r"^(please )?(consider )?(support us|donate|give|contribute|chip in)\b\W*(today|now|here)?\W*$",
           r"^(please )?(make|consider making) a (one[- ]off |single |monthly |regular |small |recurring )?"
           r"(contribution|donation|gift)\b",
           r"^(become|join as) a (supporter|member|patron|friend|subscriber)\b",
           r"^(we|our (journalism|reporting|newsroom|work))\b.{0,120}\b(relies|rely|depends|depend|is funded|are "
           r"funded|is supported|are supported)\b.{0,20}\b(on|by) (readers|you|our readers|donations|supporters|"
           r"people like you)\b",
           r"^(if you (can|value|enjoyed|like|appreciate)|every (contribution|donation)|however (big|small))\b.{0,160}"
           r"\b(journalism|support us|our (work|journalism|reporting|newsroom))\b",
           r"^(please )?(you can )?donate (from|today|now|once|monthly|£|\$|€)",
           r"^(please )?(give|chip in|pay|support us) (from|with) (just |only )?[£$€]\s?\d+([.,]\d+)? (a|per|each) "
           r"(week|month|year)\.?$",
           r"^(?-i:[A-Z])[\w'’.&-]*( [\w'’.&-]+){0,4} is (independent|reader[- ]funded|free to read)"
           r"( and (independent|free to read|reader[- ]funded|free for everyone))?\.?$",
           r"[:—–]\s*donate (from|today|now|once|monthly|£|\$|€)",
           r"^donate to\b.{0,60}[-–—:]\s*(every|each|just|only|from)?\s*[£$€]\s?\d",
           r"\b(relies|rely|depends|depend) (entirely |wholly )?on (the support of |the generosity of )?(readers|you|"
           r"our readers|donations|supporters|people like you|readers like you)\b",
           r"\bfrom (just |only )?[£$€]\s?\d+([.,]\d+)?\b.{0,60}\b(support|keep|fund)\b.{0,40}\b(journalism|reporting|"
           r"newsroom|us|free|independent)\b",
           r"^every [£$€]\s?\d+([.,]\d+)? (provides|buys|pays for|funds|keeps|helps)\b[^.!?]{0,60}\.?$",
           r"[:—–-]\s*(please )?donate (to|now|today)\b[^.!?]{0,60}\.?$",
           max_words=80, keywords=("donate", "rel", "depend", "from just", "from only", "from £", "from $", "from €")),
    _class("paywall prompt",
           r"^continue reading\b[^.!?]{0,40}$",
           r"^continue reading\b\s*[:—–-]\s*(subscribe|sign (in|up)|log in|register|become a (member|subscriber)|join)\b"
           r"[^.!?]{0,80}$",
           r"^(subscribe|register|sign in|log in|join|sign up)\b.{0,60}\b(to (continue|keep) reading|"
           r"to read (the full|more|this|on|the rest)|for (full|unlimited) access|to unlock)\b",
           r"^(subscribe|get (full|unlimited|digital|instant) access|unlock|try|join)\b.{0,60}\bfrom [£$€]\s?\d+"
           r"([.,]\d+)? (a|per|each) (week|month|year)\b",
           r"^already (a |an )?(subscriber|member|registered|have an account)\b",
           r"^continue reading (on|at) (the )?(?-i:[A-Z])[^.!?]{0,50}\.?$",
           r"^this (article|story) is (only )?available to (subscribers|members)\b",
           r"^this (article|story|content|page) is (only )?(available )?(exclusively )?(for|to) (subscribers|members|"
           r"premium|registered)\b",
           r"^you('ve| have) (read|reached|used) (your|all|\d+)\b.{0,40}\b(free )?(articles?|stories|limit)\b",
           r"^(subscriber|premium|members?)[- ]only( content| article| story)?\W*$|^premium\W*$",
           r"^(to )?(read|access|unlock|see) (the|this) (full|whole|complete|rest of the|rest of this) "
           r"(article|story)\b",
           r"^(unlock|get) (this|unlimited|full|digital) (article|access)\b",
           r"^(the rest of )?this (article|story) is (locked|behind a paywall)\b",
           max_words=50),
    _class("cookie notice",
           r"^(we|this (web)?site|our (web)?site|our partners|we and our partners)\b.{0,60}"
           r"\b(use|uses|using|set|sets|store|stores|place|places|deploy)\b.{0,40}\bcookies\b",
           r"^(we|this (web)?site|our (web)?site|our partners|we and our partners)\b.{0,80}\bcookies\b.{0,100}"
           r"\b(experience|personali[sz]|consent|accept|advertis|analytic|improve|browsing|partners)",
           r"^by (using|continuing to (use|browse)|clicking|browsing)\b.{0,120}\b(cookies?|agree)\b",
           r"^(accept|reject|allow|decline|refuse) (all( cookies)?|cookies|optional cookies|non-essential cookies|"
           r"additional cookies)\W*$",
           r"^(manage|customi[sz]e) (cookies|cookie settings|(my )?preferences|consent|options)\W*$",
           r"^(cookie|privacy) (settings|policy|preferences|notice|consent|choices)\W*$",
           r"^(your privacy|your privacy choices|privacy choices|we value your privacy)\W*$",
           max_words=70),
    _class("site footer",
           r"^(©|\(c\)\s|copyright\s*©)",
           r"^copyright\s+(©\s*)?\d{4}\b",
           r"\ball rights reserved\b",
           r"^registered in [a-z ]{2,40}[,.]?\s*(company )?(no\.?|number|registration)",
           # The publisher's address before its registration: "Kestle Post, 4 Quay Row, Kestle. Registered in..."
           r"[.,] registered in [a-z ]{2,40}[,.]?\s*(company )?(no\.?|number|registration)[^.!?]{0,30}\.?$",
           r"^registered (office|address)\s*:",
           r"^copyright (remains|rests|stays) with the (original )?(publishers?|authors?|owners?)\.?$",
           r"^this (material|article|content|story) (may|must) not be (published|reproduced|copied|republished|"
           r"broadcast|redistributed)\b",
           r"^(company|registration|registered|vat) (no\.?|number|reg\.?)\s*:?\s*[\w ]*\d",
           r"^(terms (and|&) conditions|terms of (use|service)|privacy policy|contact us|about us|"
           r"accessibility( statement)?|advertise with us|sitemap|site map|modern slavery statement)\W*$",
           r"^(?-i:[A-Z])[\w'’.&-]*( [\w'’.&-]+){0,5},? (is )?(part of|a member of|owned by|published by|a division of|"
           r"a service of) (the )?(?-i:[A-Z])[\w'’.&-]*( [\w'’.&-]+){0,4}\.?$",
           r"^(?-i:[A-Z])[\w'’.&-]*( [\w'’.&-]+){0,5} (republishes|syndicates|carries) ((partner|syndicated|wire|"
           r"selected) )?(stories|articles|content|news)\b"
           r"[^.!?]{0,60}\.?$",
           r"^(distributed|issued|published) (by|via|through) (?-i:[A-Z])[\w'’.&-]*( [\w'’.&-]+){0,4}\.?$",
           r"^(?-i:[A-Z])[\w'’.&-]*( [\w'’.&-]+){0,4} is not responsible for (the )?(content|external content|"
           r"the content of external|third[- ]party content)\b",
           r"^(prices|quotes|data|market data) (are )?delayed\b[^.!?]{0,40}\.?$",
           r"^disclaimer\s*:",
           r"^(?-i:[A-Z])[\w'’.&-]*( [\w'’.&-]+){0,4} (©|\(c\))\s*\d{4}\.?$",
           # A site's slogan under its name: "Kestle Today - your town, your news."
           r"^(?-i:[A-Z])[\w'’.&-]*( (?-i:[A-Z])[\w'’.&-]*){0,4}\s*[-–—:|]\s*[^.!?]{0,40}\byour\b[^.!?]{0,30}\.?$",
           max_words=30, keywords=("reserved", "registered in")),
    _class("contact prompt",
           r"^(get in touch|contact us|tell us|share your story|got a story)\s*[:?!.—–-]\s*.{0,120}\b(text|email|e-mail|"
           r"whatsapp|call|message|contact)\b[^!?]{0,80}$",
           max_words=40),
    _class("social media links",
           rf"^(follow|find|join|like|connect with) (us|(?:[\w'’.&-]+ ){{0,4}}[\w'’.&-]+) on "
           rf"(?:(?:{_NETWORK}|and|or|&|,)\s*)+( for [^.!?]{{1,50}})?\W*$",
           r"^follow us\W*$",
           max_words=25),
)

# Every class's openings in one expression: most lines of an article match none
# of them, and are then read once instead of once per class.
_ANY_OPENING = re.compile("|".join(f"(?:{c.opening.pattern})" for c in CLASSES if c.opening), re.IGNORECASE)
_ANY_KEYWORD = tuple(sorted({k for c in CLASSES for k in c.keywords}))


def strip_bullet(text: str) -> str:
    """The text of a list item without its bullet or number."""
    return _BULLET.sub("", text, count=1)


def has_bullet(text: str) -> bool:
    """True when a line starts with a list bullet or a list number."""
    return bool(_BULLET.match(text))


def _core(text: str) -> str:
    """A line without its bullet, and without closing quotes or brackets at its end."""
    return strip_bullet(text).strip().rstrip(_CLOSING).rstrip()


def is_sentence(text: str) -> bool:
    """True for a line of running prose: a sentence of four words or more that
    ends as sentences do, or any line long enough to be a paragraph."""
    words = text.split()
    return len(words) >= 25 or (len(words) >= 4 and _core(text)[-1:] in _SENTENCE_FINAL)


def reports_speech(text: str) -> bool:
    """True when a line quotes or reports what someone said."""
    return bool(_SPEECH.search(text))


def is_headline_like(text: str, max_words: int = 20) -> bool:
    """True for a line written as a headline: a capital or a digit first, two to
    ``max_words`` words, and no full stop, comma, colon or semicolon at its end
    (a question mark may end a headline)."""
    core = _core(text)
    words = core.split()
    if not 2 <= len(words) <= max_words or re.search(r"[.,;:!…–—-]$", core) or _REPORTED_PAST.search(core):
        return False
    if words[-1].lower() in _DANGLING:
        return False
    first = next((c for c in core if c.isalnum()), "")
    return bool(first) and (first.isupper() or first.isdigit())


def _words_of(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[\w&'’-]+", text.lower()))


def _made_of(words: frozenset[str], vocabulary: frozenset[str], core: frozenset[str]) -> bool:
    """True when a line's words all come from a vocabulary, one of them from its core."""
    return bool(words) and words <= vocabulary and not words.isdisjoint(core)


def _timestamp_reason(text: str, anywhere: bool) -> str | None:
    """ "timestamp" for a line that is only a date or a time ("Published 9:14am",
    "Updated 2 hours ago"); a bare date without a label only when ``anywhere``."""
    labelled = bool(_TIMESTAMP_LABEL.match(text))
    if not (labelled or anywhere):
        return None
    tokens = re.sub(r"[,|•·()–—]", " ", text.lower()).split()
    tokens = [t.rstrip(":") for t in tokens if t.rstrip(":")]
    if tokens and len(tokens) <= 14 and all(_DATE_TOKEN.match(t) for t in tokens) \
            and any(_DATE_ANCHOR.search(t) for t in tokens):
        return "timestamp"
    return None


def with_byline_detail(reason: str, text: str) -> str:
    """A byline reason with the name and role it gives, when it gives both
    ("byline (Ilsa Varne, Health correspondent)"); the grouping stage reads them."""
    detail = _BYLINE_DETAIL.search(text) if reason.endswith("byline") else None
    return f"{reason} ({detail['name']}, {detail['role']})" if detail else reason


def _runs_on(text: str) -> bool:
    """True when a line runs on as prose: four lowercase words in a row ("By
    Christmas Eve, the board had agreed..."), unless it ends on a role ("health
    and science correspondent")."""
    run = longest = 0
    for word in text.split():
        run = run + 1 if word[:1].islower() else 0
        longest = max(longest, run)
    return longest >= 4 and not _ROLE_WORD.search(text)


def _byline_reason(text: str) -> str | None:
    if _ROLE_BYLINE.search(text):
        return with_byline_detail("byline", text)
    if _BYLINE_PART.match(text) and len(text.split()) <= 25 and not reports_speech(text) and not _runs_on(text):
        return "byline and date" if _HAS_DATE.search(text) else "byline"
    return None


def _row_reason(text: str) -> str | None:
    """The reason for a row of page details separated by bars or dots ("By Ana
    Ruiz, The Gullrock Gazette | 6 November 2025 | 3 min read"), when every
    part of it is furniture."""
    if not any(bar in text for bar in "|·•"):
        return None
    parts = [p.strip() for p in re.split(r"\s+[|·•]\s+|\s*\|\s*", text) if p.strip()]
    if len(parts) < 2:
        return None
    reasons = []
    unnamed = 0
    for part in parts:
        reason = (_byline_reason(part) or _timestamp_reason(part, anywhere=True)
                  or ("reading time" if _READING_TIME.match(part) else None)
                  or ("sharing buttons" if _made_of(_words_of(part), _SHARE_WORDS, _SHARE_CORE) else None)
                  or ("comment box" if re.fullmatch(r"\d+ (?:comments?|replies|responses)", part, re.I) else None)
                  or ("photo credit" if re.match(r"^(?:source|via)\s*:\s*\S", part, re.I) and len(part.split()) <= 8
                      else None)
                  or ("byline" if re.match(r"^(?:posted|written|filed) by\s+\S+$", part, re.I) else None)
                  or ("syndication note" if re.match(r"^translated (?:from|by)\b[^.!?]{0,30}$", part, re.I) else None))
        if reason is None:
            # One short label among page details ("Space News", a section name) does not make it prose.
            unnamed += 1
            if len(part.split()) > 6 or is_sentence(part):
                return None
            continue
        reasons.append(reason)
    if unnamed > 1 and reasons:
        return None
    if not reasons:
        return None
    if any(r.startswith("byline") for r in reasons):
        return "byline and date" if any(r in ("timestamp", "byline and date") for r in reasons) else "byline"
    return "timestamp" if "timestamp" in reasons else reasons[0]


def _credit_like(rest: str) -> bool:
    """True for words that name a photographer or an agency ("Ana Ruiz/Gullrock Pictures")."""
    words = rest.strip(" .").split()
    if not 1 <= len(words) <= 10:
        return False
    return "/" in rest or all(w[0].isupper() or w[0].isdigit() or w[0] in "©(" or w.lower() in _CREDIT_WORDS
                              for w in words)


def _labelled_reason(text: str) -> str | None:
    """Reasons for lines that open with a furniture label ("Also read:", "Photo:",
    "Watch:", "Topics:"), judged by what follows the label."""
    inline = _INLINE_LINK.match(text)
    if inline:
        items = [i for i in re.split(r"\s+\|\s+|\s+•\s+", inline["rest"]) if i.strip()]
        if items and all(is_headline_like(i, 25) or _VIDEO_SUFFIX.search(i) for i in items):
            return "related-article link"
    if re.fullmatch(r"(?:#\w+[\s,]*)+", text):
        return "topic tags"
    topics = _TOPIC_LABEL.match(text)
    if topics:
        rest = topics["rest"]
        if rest is None:
            return "topic tags"
        items = [i.strip() for i in re.split(r"[,|;•·]", rest) if i.strip()]
        if items and all(len(i.split()) <= 5 for i in items) and not rest.rstrip().endswith("."):
            return "topic tags"
    video = _VIDEO.match(text)
    if video and (is_headline_like(video["rest"], 25) or _VIDEO_SUFFIX.search(text)):
        return "video link"
    if _VIDEO_SUFFIX.search(text) and is_headline_like(_VIDEO_SUFFIX.sub("", text), 25):
        return "video link"
    if re.match(r"^(?:video|audio)\s*,?\s*\d{1,2}:\d{2}", text, re.IGNORECASE):
        return "video link"
    # "Photo:" never opens a sentence of the article: what follows it is a
    # credit when it names someone, else the caption.
    credit = _CREDIT_LABEL.match(text)
    if credit and len(text.split()) <= 40:
        return "photo credit" if _credit_like(credit["rest"]) else "photo caption"
    bare = _CREDIT_BARE.match(text)
    if bare and (not bare["rest"] or _credit_like(bare["rest"])):
        return "photo credit"
    if _COPYRIGHT_NAME.match(text) and len(text.split()) <= 12:
        return "site footer"
    return None


def line_reason(text: str, top_or_bottom: bool = False) -> str | None:
    """Why a line is page furniture, or None when it may be article text.

    ``top_or_bottom`` says the line stands outside the article's paragraphs
    (before the first or after the last), where a bare date is a date line.
    """
    line = strip_bullet(text).strip()
    if not line:
        return None
    words = len(line.split())
    if words > _LONGEST_FURNITURE:
        return None
    spoken = reports_speech(line)
    lowered = line.lower()
    labelled = _labelled_reason(line)
    if labelled:
        return labelled
    # Agency credits often stand in brackets: "(Reporting by ...; Editing by ...)".
    byline = _byline_reason(line[1:-1] if line.startswith("(") and line.endswith(")") else line)
    if byline:
        return byline
    stamp = _timestamp_reason(line, anywhere=top_or_bottom) or _row_reason(line)
    if stamp:
        return stamp
    if _ANY_OPENING.match(line) or any(k in lowered for k in _ANY_KEYWORD):
        for furniture in CLASSES:
            if words > furniture.max_words or (spoken and furniture.spoken_is_article):
                continue
            if furniture.matches(line, lowered):
                return with_byline_detail(furniture.reason, line)
    vocabulary = _words_of(line) if words <= 30 else frozenset()
    if _made_of(vocabulary, _SHARE_WORDS, _SHARE_CORE):
        return "sharing buttons"
    if _made_of(vocabulary, _FOOTER_WORDS, _FOOTER_CORE):
        return "site footer"
    if _made_of(vocabulary, _CONSENT_WORDS, _CONSENT_CORE) and words <= 12:
        return "cookie notice"
    caption = None if spoken or words > 40 or ":" not in line else _CAPTION_WITH_CREDIT.search(line)
    if caption and caption.start() > 0 and _credit_like(caption["credit"]):
        return "photo caption"
    return _menu_row(line)


def _menu_row(line: str) -> str | None:
    """A row of three or more short labels ("Listen live | Breakfast | Podcasts | News"): a menu."""
    if "|" not in line:
        return None
    parts = [p.strip() for p in line.split("|") if p.strip()]
    short = [p for p in parts if len(p.split()) <= 6 and not is_sentence(p) and not re.search(r"\d", p)]
    return "site navigation" if len(parts) >= 3 and len(short) == len(parts) else None


def list_label(reason: str | None) -> bool:
    """True when a removed line is the label of a list of links ("More on this
    story", "Most read"), so the headline-like lines after it are links too."""
    return reason in ("links to other articles", "aggregator links")


def topic_label(text: str) -> bool:
    """True for a topic label alone on its line ("Topics"), followed by the topics."""
    match = _TOPIC_LABEL.match(strip_bullet(text).strip())
    return bool(match) and match["rest"] is None
