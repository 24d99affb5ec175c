"""Rules as data: the words the quote engine recognizes.

Every set here is lower case. Verb tables list a lemma with its forms; a form
missing from a table is a form the engine will not see.
"""
from __future__ import annotations

import re


def _forms(table: str) -> dict[str, str]:
    """'say said says saying; tell told tells telling' -> {form: lemma}."""
    out: dict[str, str] = {}
    for group in table.split(";"):
        words = group.split()
        if words:
            for form in words:
                out[form] = words[0]
    return out


# Verbs that report speech and take the reported content as a clause:
# "X said (that) ...", "..., X said.", "X told reporters ...".
SPEECH_VERBS = _forms("""
    say said says saying; tell told tells telling; add added adds adding;
    confirm confirmed confirms confirming; warn warned warns warning;
    insist insisted insists insisting; report reported reports reporting;
    state stated states stating; announce announced announces announcing;
    claim claimed claims claiming; note noted notes noting; explain explained explains explaining;
    argue argued argues arguing; acknowledge acknowledged acknowledges acknowledging;
    admit admitted admits admitting; suggest suggested suggests suggesting;
    write wrote writes writing written; post posted posts posting; tweet tweeted tweets tweeting;
    recall recalled recalls recalling; stress stressed stresses stressing;
    emphasize emphasized emphasizes emphasizing emphasise emphasised emphasises emphasising;
    assert asserted asserts asserting; declare declared declares declaring;
    maintain maintained maintains maintaining; reply replied replies replying;
    respond responded responds responding; answer answered answers answering;
    predict predicted predicts predicting; allege alleged alleges alleging;
    concede conceded concedes conceding; contend contended contends contending;
    reveal revealed reveals revealing; disclose disclosed discloses disclosing;
    indicate indicated indicates indicating; mention mentioned mentions mentioning;
    observe observed observes observing; promise promised promises promising;
    pledge pledged pledges pledging; vow vowed vows vowing; boast boasted boasts boasting;
    complain complained complains complaining; deny denied denies denying;
    predict predicted; estimate estimated estimates estimating; caution cautioned cautions cautioning;
    agree agreed agrees agreeing; remark remarked remarks remarking;
    counter countered counters countering; object objected;
    testify testified testifies testifying; threaten threatened threatens threatening;
    underline underlined underlines underlining; reiterate reiterated reiterates reiterating;
    tell; signal signalled signaled signals; hint hinted hints hinting; conclude concluded concludes;
    find found finds; comment commented comments commenting; reason reasoned reasons;
    theorize theorized theorizes theorise theorised; deem deemed deems; recount recounted recounts;
    recommend recommended recommends recommending
""")

# Verbs that attribute a quoted fragment but do not introduce reported speech on their own:
# 'X called the attack "a horrific ..."', 'X accused Y of "sabotaging ..."'.
QUOTE_VERBS = _forms("""
    call called calls calling; describe described describes describing;
    urge urged urges urging; accuse accused accuses accusing; slam slammed slams slamming;
    condemn condemned condemns condemning; praise praised praises praising;
    criticize criticized criticizes criticizing criticise criticised criticises criticising;
    dismiss dismissed dismisses dismissing; brand branded brands branding;
    label labelled labeled labels labelling labeling; hail hailed hails hailing;
    denounce denounced denounces denouncing; decry decried decries decrying;
    blast blasted blasts blasting; welcome welcomed welcomes welcoming;
    demand demanded demands demanding; term termed terms terming; dub dubbed dubs dubbing;
    characterize characterized characterizes characterise characterised;
    refer referred refers referring; express expressed expresses expressing;
    voice voiced voices voicing; reject rejected rejects rejecting; defend defended defends defending;
    blame blamed blames blaming; thank thanked thanks thanking; appeal appealed appeals appealing;
    plead pleaded pleads pleading; implore implored implores imploring; vow; pledge;
    speak spoke speaks speaking; quote quoted; cite cited cites citing; lament lamented laments;
    mock mocked mocks mocking; question questioned questions; attack attacked; hit; praise;
    promise; warn; insist; say; add; tell; write; post; tweet; ask asked asks asking;
    continue continued continues; joke joked jokes; exclaim exclaimed; shout shouted; cry cried;
    whisper whispered; wonder wondered; read reads
""")
QUOTE_VERBS = {**QUOTE_VERBS, **SPEECH_VERBS}

# "X did not say when ...": negated speech reports no claim.
NEGATIONS = frozenset("not n't never declined refused".split())

# Content that cannot be reported speech when it follows the verb directly:
# "claimed to have ...", "has claimed as Russian territory", "warned of ...".
BAD_CONTENT_STARTS = frozenset("""
    to as for about with by of in at from into over on goodbye nothing so no yes hello thanks sorry
    little much more less anything something everything was is were are has had will would can could
    should been being responsibility credit
""".split())

# Reported content must read as a clause: one of these, a word ending in -ed or -s, or "that".
FINITE_VERBS = frozenset("""
    is are was were be been has have had will would can could should may might must shall did does do
    made took went came got gave found left saw said told became began fell hit won lost kept held ran
    met sent spent built brought bought thought struck shot fled led fought stood set put cut knew grew
    sold paid felt meant rose drew flew threw wrote spoke broke chose drove ate slept understood woke awoke
    swam sang rang began forgot forgave froze hid lay lit rode shook shut spread stole stuck swore taught tore
    wore won't can't don't doesn't didn't isn't aren't wasn't weren't hasn't haven't hadn't
    won’t can’t don’t doesn’t didn’t isn’t aren’t wasn’t weren’t hasn’t haven’t hadn’t
""".split())
# Verbs that may come before their subject: '"...," said X'. Not "tell": its object is the listener.
INVERTIBLE = frozenset("""
    say add write ask continue explain note recall reply respond insist warn declare state answer tweet
    post argue complain concede confirm admit acknowledge remark observe predict joke exclaim shout cry
    whisper wonder suggest announce stress emphasize emphasise comment recount read
""".split())

# Quoting verbs whose passive names the speaker after "by": 'was described as "reckless" by the judge'.
PASSIVE_QUOTE_VERBS = frozenset("""
    describe call label brand term dub characterize characterise hail praise criticize criticise condemn
    denounce slam blast quote
""".split())

# Verbs of finding: without "that" their content must have a finite verb ("found the car abandoned" is no claim).
THAT_VERBS = frozenset({"find", "show", "deem", "reason"})

# Verbs whose object may be a plain noun phrase: "reported widespread damage".
# ("reported a profit of $3 billion", "announced a new plan", "denied the claims" report no statement.)
NOUN_OBJECT_VERBS = frozenset({"according to"})
_NOT_VERBS_S = frozenset("its this his hers ours yours theirs was as us yes less news always perhaps series "
                         "species various numerous famous serious previous dangerous analysis crisis".split())

# Objects of "told": "told reporters", "told the BBC", "told CityNews".
TELL_OBJECTS = frozenset("reporters journalists media parliament lawmakers me us him her them it".split())

# Between a subject and its verb: "Kyiv meanwhile said", "Russia has also claimed".
SUBJECT_VERB_FILLERS = frozenset("""
    has have had also meanwhile later earlier previously again repeatedly then separately
    further publicly privately once recently had already first last subsequently additionally
    himself herself itself themselves reportedly has been was were is are just
""".split())

# After the verb, before the content: "said yesterday that", "told reporters on Monday".
TIME_WORDS = frozenset("""
    yesterday today tonight tomorrow earlier later afterwards afterward then recently previously
    monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night
    overnight week weekend month year last this on in at also again repeatedly
""".split())

# Capitalized at a sentence start, but never part of a name.
FUNCTION_WORDS = frozenset("""
    however meanwhile but and or so yet still now later earlier instead separately also then
    in on at for of to from by with without after before while when if as since though although
    because despite during under over into about against between among amid across through
    the a an this that these those it he she they we i his her their its our there here
    asked speaking reporting writing following according yesterday today
""".split())

# Words that end a subject noun phrase when walking left from a verb.
CLAUSE_STOPS = frozenset("""
    that which who whom whose while whereas and but or nor as after before when because if
    where since though although so than until unless once whether what how why
    said says say told tells added adding saying
""".split())

DETERMINERS = frozenset("the a an one another his her its their our your my this that these those some two three several".split())
INDEFINITE = frozenset("a an one another some".split())

PRONOUNS = {
    "he": ("person", "m"), "she": ("person", "f"), "they": ("group", None), "it": ("organization", None),
    "we": ("group", None), "i": ("person", None),
}

# Titles and honorifics before a name: stripped from the name, kept as the role.
HONORIFICS = {
    "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "sir": "m",
    "dame": "f", "lord": "m", "lady": "f", "dr": None, "dr.": None, "prof": None, "prof.": None,
    "professor": None, "rev": None, "rev.": None, "reverend": None, "fr": "m", "father": "m",
}
ROLE_WORDS = frozenset("""
    president vice prime minister ministers secretary chancellor governor mayor spokesman spokeswoman
    spokesperson spokespeople representative ambassador envoy chief head director commander general
    senator congressman congresswoman lawmaker mp mep official adviser advisor aide leader king queen
    pope prince princess sheikh emir judge justice lawyer attorney professor analyst correspondent
    reporter editor economist researcher ceo cfo chairman chairwoman chair founder coach captain
    member deputy foreign defence defense interior finance press state chief-of-staff staff
    commissioner inspector sergeant colonel lieutenant major admiral marshal officer superintendent
    premier president-elect former acting interim regional local senior top military army navy
    police fire emergency health economy economic trade security intelligence national federal
    presidential ukrainian russian british french german american italian polish chinese israeli
    palestinian iranian european us u.s. uk u.k. eu un nato white house
    administration office ministry department council party union government agency
    co-founder owner manager executive producer author historian scientist doctor nurse teacher
    student activist campaigner organiser organizer diplomat negotiator mediator host anchor
    presenter columnist commentator expert candidate nominee incumbent rep. sen. gov. gen. col. lt. sgt. capt.
    prosecutor prosecutors detective constable sheriff marshal pensioner manager boss striker midfielder
    goalkeeper defender forward winger skipper bishop archbishop cardinal pastor priest imam rabbi chef singer
    actor actress musician rapper novelist poet artist designer architect surgeon physician consultant
    coroner magistrate barrister solicitor counsel defendant witness victim councillor councilor alderman
    mayor-elect governor-elect chairperson treasurer comptroller auditor ombudsman envoy spokesman
    entrepreneur investor billionaire businessman businesswoman tycoon founder resident farmer fisherman
    undersecretary under-secretary commandant
""".split())

# "the Dane said", "the 45-year-old added": a description of someone the article has named.
ANAPHORIC_NOUNS = frozenset("""
    dane spaniard frenchman frenchwoman briton englishman scot welshman irishman american german italian
    russian ukrainian pole swede norwegian finn dutchman belgian swiss austrian portuguese brazilian argentine
    argentinian mexican canadian australian chinese japanese korean indian israeli palestinian iranian turk
    greek egyptian nigerian kenyan croat serb veteran former newcomer youngster star incumbent challenger
    president minister premier chancellor mayor governor senator manager coach boss player striker
""".split())

# Heads of noun phrases that name an organization speaking.
ORG_HEADS = frozenset("""
    kremlin vatican government ministry office administration army forces force navy military police
    agency service services council commission committee parliament congress senate court union party
    company firm embassy department organization organisation organisations organizations authority
    bureau campaign coalition pentagon airline bank university hospital newspaper channel white
    house statement cabinet presidency secretariat command headquarters guard guards delegation
    mission foundation institute network broadcaster regime junta prosecutors prosecutor's
    prosecution club federation association alliance group corporation inc ltd plc corp llc holdings
    un nato eu who imf ukraine russia city town village state country region county province municipality
    district council's city's hall family team board jury panel crew management media news
""".split())

# Heads of documents and data that speak through the article: "the study found", "the report says".
DOCUMENT_HEADS = frozenset("""
    report study survey poll review inquiry audit paper statement complaint lawsuit document
    indictment ruling verdict assessment website site blog
""".split())

# Last words of place names that look like people's names: "Streatham High Road", "Fishmongers' Hall".
PLACE_HEADS = frozenset("""
    road street avenue lane boulevard square bridge hall park airport station island islands river lake
    mountain mountains valley street highway motorway port harbour harbor base camp field stadium arena
""".split())

# Nouns of a speech act: 'X made a plea to Putin to stop the war "in the name of humanity"'.
SPEECH_ACT_NOUNS = frozenset("""
    plea appeal warning promise pledge vow remarks speech address statement message demand
    apology tribute rebuke
""".split())

# Documents someone issues: "the statement said" is whoever the article quoted last.
ISSUED_DOCUMENTS = frozenset("statement release post tweet message letter".split())

# What a business or body is called after it has been named: "The company said" is the one just named.
GENERIC_ORG_HEADS = frozenset("""
    company firm corporation business conglomerate group organisation organization outfit retailer carrier
    airline manufacturer maker lender insurer bank charity
""".split())

# Media named by what they are: "the website noted" is the outlet the article last quoted.
MEDIA_HEADS = frozenset("website site paper newspaper outlet broadcaster".split())

# People who speak for an organisation: "a spokesperson said" is the organisation's statement.
SPOKESPEOPLE = frozenset("spokesperson spokesman spokeswoman spokespeople representative representatives".split())

# Plural heads: a group speaking.
GROUP_HEADS = frozenset("""
    officials organizers organisers authorities critics analysts experts residents witnesses
    lawmakers leaders diplomats activists protesters protestors rescuers doctors investigators
    prosecutors sources observers supporters opponents scientists researchers economists officers
    soldiers troops workers villagers locals people citizens voters ministers governments allies
    campaigners medics paramedics firefighters police families relatives survivors parents
    students teachers residents' farmers analysts' commentators insiders aides advisers advisors
    members spokespeople representatives negotiators mediators monitors inspectors observers
    scholars historians officers officials' militants rebels fighters separatists forces
""".split())

# Singular people nouns: with "a"/"one" they make an anonymous speaker.
PERSON_NOUNS = frozenset("""
    resident witness official spokesperson spokesman spokeswoman source man woman soldier officer
    doctor nurse survivor relative neighbour neighbor worker volunteer activist analyst expert
    diplomat aide adviser advisor lawmaker member medic paramedic firefighter teacher student
    farmer villager local mother father son daughter wife husband friend colleague employee
    representative rescuer driver passenger shopkeeper owner pensioner refugee commander fighter
    person individual insider engineer journalist reporter correspondent
""".split())

# Sources that are documents or data, not speakers: "according to AFP analysis of Kyiv's data".
NON_SPEAKER_SOURCES = frozenset("""
    analysis data figures figure estimates estimate statistics count tally calculations records
    record survey poll polls study research schedule plan agreement law rules documents document
    reports report map maps footage images video videos photos tracking
""".split())

# Sources that belong to whoever is named before them: "according to a Congressional Budget Office
# estimate", "according to UN figures" (an outlet's own "analysis" is not a statement).
OWNED_SOURCES = frozenset("""
    estimate estimates figures statistics data count tally report study survey poll census
""".split())

# Channels: (phrase pattern, channel name). Checked in order; the first match wins.
CHANNELS: tuple[tuple[str, str], ...] = (
    (r"(?:on|via|in a post on|in a message on|in a video on|in a statement on|on (?:his|her|their|its)(?: official)?)\s+(?:the\s+)?(?P<c>Telegram|X|Twitter|Facebook|Instagram|TikTok|YouTube|LinkedIn|Truth Social|WhatsApp|Threads|Bluesky|Weibo|VKontakte)\b(?:\s+(?:channel|account|page|feed))?", "{c}"),
    (r"(?:on|via)\s+social media", "social media"),
    (r"in (?:a|an|the)\s+(?:\w+\s+){0,2}statement", "statement"),
    (r"in (?:a|an)\s+interview with (?P<c>(?:a |an |the )?[\w’'.-]+(?:\s+[\w’'.-]+){0,5}?)(?=[,.;]| on | that | in |$)", "interview with {c}"),
    (r"in (?:a|an)\s+interview", "interview"),
    (r"(?:at|during) (?:a|an|the)\s+(?:\w+\s+){0,2}(?:news|press) conference", "news conference"),
    (r"(?:at|during) (?:a|an|the)\s+(?:\w+\s+){0,2}(?:briefing|summit|rally|hearing|meeting|event)", "{0}"),
    (r"in (?:a|an|the)\s+(?:\w+\s+){0,2}(?:video|televised|nightly|evening)?\s*(?:address|speech)", "address"),
    (r"in (?:a|an|his|her|their|its)\s+(?:\w+\s+){0,2}(?:letter|email|e-mail|post|tweet|video|podcast|op-ed|blog post|"
     r"memo|memoir|book|column|speech|testimony|filing)", "{0}"),
    (r"on (?:state |national )?(?:television|TV|radio)", "{0}"),
    (r"told reporters|told journalists|told the press|told a news conference", "reporters"),
)

# Country -> adjective, so "Ukraine's air force" and "the Ukrainian Air Force" are one speaker.
DEMONYMS = {
    "ukraine": "Ukrainian", "russia": "Russian", "poland": "Polish", "germany": "German", "france": "French",
    "italy": "Italian", "britain": "British", "uk": "British", "u.k.": "British", "us": "US", "u.s.": "US",
    "america": "American", "china": "Chinese", "japan": "Japanese", "india": "Indian", "israel": "Israeli",
    "iran": "Iranian", "turkey": "Turkish", "spain": "Spanish", "canada": "Canadian", "australia": "Australian",
    "belarus": "Belarusian", "georgia": "Georgian", "moldova": "Moldovan", "romania": "Romanian",
    "hungary": "Hungarian", "lithuania": "Lithuanian", "latvia": "Latvian", "estonia": "Estonian",
    "finland": "Finnish", "sweden": "Swedish", "norway": "Norwegian", "denmark": "Danish",
    "netherlands": "Dutch", "belgium": "Belgian", "austria": "Austrian", "switzerland": "Swiss",
    "greece": "Greek", "egypt": "Egyptian", "syria": "Syrian", "lebanon": "Lebanese", "jordan": "Jordanian",
    "iraq": "Iraqi", "pakistan": "Pakistani", "afghanistan": "Afghan", "mexico": "Mexican",
    "brazil": "Brazilian", "argentina": "Argentine", "korea": "Korean", "taiwan": "Taiwanese",
    "nigeria": "Nigerian", "kenya": "Kenyan", "ethiopia": "Ethiopian", "sudan": "Sudanese",
    "yemen": "Yemeni", "qatar": "Qatari", "saudi arabia": "Saudi", "palestine": "Palestinian",
    "gaza": "Gazan", "portugal": "Portuguese", "ireland": "Irish", "scotland": "Scottish",
    "serbia": "Serbian", "croatia": "Croatian", "czechia": "Czech", "slovakia": "Slovak",
    "bulgaria": "Bulgarian", "kazakhstan": "Kazakh", "venezuela": "Venezuelan", "colombia": "Colombian",
    "vatican": "Vatican", "europe": "European",
}

# Abbreviations whose period does not end a sentence.
ABBREVIATIONS = frozenset("""
    mr mrs ms dr prof st sr jr gen col lt sgt capt sen rep gov pres rev fr mt ft no vs etc inc corp ltd co
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m approx dept est
""".split())

# Quote marks: opening and closing characters of each family.
DOUBLE_OPEN = frozenset("“„«")
DOUBLE_CLOSE = frozenset("”»")
SINGLE_OPEN = frozenset("‘‹")
SINGLE_CLOSE = frozenset("’›")


# ---------------------------------------------------------------- events
# Triggers live with their event kinds in archive/data/event_kinds.json.
# Words that make a trigger something else: "heart attack", "hunger strike", "strike a deal".
EVENT_EXCLUSIONS = re.compile(
    r"heart attack|panic attack|hunger strike|strike a deal|strikes? a balance|general strike|"
    r"press conference|news conference|conference call|strike(?:s)? (?:a|the) (?:chord|note|tone)|"
    r"lucky strike|hit (?:out|back) at|calls? for|targeted (?:sanctions|measures)|"
    r"(?:was|were|is|are|being|been) met\b|"  # "he was being met by X": greeted, no meeting
    r"\bto (?:strike|attack)\b", re.IGNORECASE)  # "vowed to strike back": a verb, nothing happened
# Attack nouns that tell of many strikes in the singular: "the barrage", like "the strikes".
COLLECTIVE_ATTACK_NOUNS = frozenset({"barrage", "bombardment", "shelling"})
# Weapons: figures followed by these count launched weapons.
WEAPONS = {"drones": "drones", "drone": "drones", "uavs": "drones", "shaheds": "drones", "missiles": "missiles",
           "missile": "missiles", "rockets": "missiles", "rocket": "missiles", "shells": "shells",
           "bombs": "bombs", "glide bombs": "bombs", "projectiles": "projectiles"}
PEOPLE_NOUNS = frozenset("people person persons civilians civilian residents soldiers children child "
                         "women men officers workers passengers pedestrians troops".split())

# ---------------------------------------------------------------- figures: what a number counts
# (archive/extract/casualties.py builds its patterns from these; order is kept, longest first where
# one word begins another.)
DEATH_NOUNS = ("deaths", "fatalities", "dead")                # "up to eleven deaths", "27 dead"
INJURY_NOUNS = ("injuries", "wounded", "injured")
KILLED_WORDS = ("killed", "dead", "died", "have died", "lost their lives", "confirmed dead", "perished")
INJURED_WORDS = ("injured", "wounded", "hurt")
KILLING_BEFORE = ("killing", "killed")    # "killing 3"; 'left 3 dead' is read by the death word after it
INJURING_BEFORE = ("injuring", "injured", "wounding", "wounded", "hurt", "leaving", "left")
INJURING_JUST_BEFORE = ("wounded", "injured", "injuring", "wounding", "hurt")  # "injured a man and two women"
LEAVING_BEFORE = ("leaving", "left")                          # "left two people injured"
CHILD_NOUNS = ("children", "child", "minors", "kids")
# After a number: something else is counted ("10 years", "5 km", "40%")
NOT_A_COUNT_AFTER = ("years", "year", "months", "month", "weeks", "week", "days", "day", "minutes", "minute",
                     "km", "kilometres", "kilometers", "miles", "metres", "meters", "%", "per cent", "percent")
# After a number: things, not people ("left 40 households without power", "damaged 12 buildings")
NOT_PEOPLE_COUNTED = frozenset("households homes houses buildings apartments flats families vehicles cars properties "
                               "businesses schools hospitals customers consumers subscribers villages towns "
                               "settlements substations".split())
# After a number: still a count of people ("at least 20 were killed", "3 others")
PEOPLE_COUNT_FOLLOWERS = frozenset("and others more injured wounded hurt dead killed died were was have had are".split())
ONE_PERSON_NOUNS = ("man", "woman", "child", "boy", "girl", "person", "civilian", "resident", "soldier", "teenager",
                    "pensioner")                              # "a 50-year-old woman was injured"
COUNTED_PERSON_NOUNS = ("men", "women", "children", "boys", "girls", "people", "civilians", "soldiers", "officers",
                        "man", "woman", "child", "boy", "girl", "person", "civilian", "soldier", "officer",
                        "teenagers", "teenager", "pensioners", "pensioner")  # "a man and two women"
TOLL_VERBS = ("risen", "rose", "climbed", "increased", "reached", "stands", "stood", "is", "was", "now")
RISEN_TO_VERBS = ("risen", "rose", "climbed", "increased", "jumped", "grown", "grew", "reached")
SUPERSEDED_WORDS = ("earlier", "previous", "initial", "original", "first")  # "an earlier toll of 27"
NOBODY_WORDS = ("nobody", "no one", "no-one", "no people", "none")          # "nobody was hurt": a real zero
WEAPON_COUNT_QUALIFIERS = ("a record", "at least", "more than", "over", "about", "some", "nearly")
INTERCEPTED_WORDS = ("intercepted", "shot down", "downed", "destroyed", "neutralised", "neutralized")
BREACHED_WORDS = ("breaching", "breached", "broke through", "got through", "penetrated", "evaded")


# Capitalised words after "in", "at", "near" that do not name where an attack happened (an attack
# place not in the gazetteer is taken from the text: "a camp at Ain Issa", "a base in Maidan Shahr")
NOT_PLACE_NAMES = frozenset("""
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday christmas easter ramadan
    parliament congress senate court council government cabinet ministry office army police
    the a an this that his her its their our response retaliation total addition particular
    english arabic russian ukrainian french german spanish chinese persian hebrew turkish kurdish
    islam god twitter facebook telegram instagram youtube x reuters afp ap bbc cnn
""".split())

