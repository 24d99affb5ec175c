"""The quote engine, as a specification: sentences and what must (or must not) be found.

Each case: an article text, and the statements expected as (quoted or reported
words, speaker, kind). Words are matched as a substring of the found span;
speaker None means "no speaker may be given". Every example sentence is
invented, in the patterns of English-language news.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from archive.extract import extract_quotes

LEAD = "Mayor Ana Petrenko visited the damaged school on Monday.\n"

CASES = [
    # -- direct quotes: where the attribution sits
    ('"We will rebuild every school," Mayor Ana Petrenko said.',
     [("We will rebuild every school", "Ana Petrenko", "direct")]),
    ('"We will rebuild every school," said Ana Petrenko, the city\'s mayor.',
     [("We will rebuild every school", "Ana Petrenko", "direct")]),
    (LEAD + '"We will rebuild every school," Petrenko said Tuesday in a statement.',
     [("We will rebuild every school", "Ana Petrenko", "direct")]),
    (LEAD + '"We will rebuild every school," she said. "But not this year."',
     [("We will rebuild every school", "Ana Petrenko", "direct"), ("But not this year.", "Ana Petrenko", "direct")]),
    (LEAD + 'Petrenko said: "We will rebuild every school."',
     [("We will rebuild every school.", "Ana Petrenko", "direct")]),
    (LEAD + 'Petrenko told reporters on Monday that "every school will be rebuilt."',
     [("every school will be rebuilt", "Ana Petrenko", None)]),
    (LEAD + '"We will," Petrenko said, "rebuild every school."',
     [("We will,", "Ana Petrenko", "direct"), ("rebuild every school.", "Ana Petrenko", None)]),
    (LEAD + 'Asked whether the schools would reopen, Petrenko said: "Not yet."',
     [("Not yet.", "Ana Petrenko", "direct")]),
    (LEAD + '"Not yet," Petrenko told CityNews. "We need another month."',
     [("Not yet,", "Ana Petrenko", "direct"), ("We need another month.", "Ana Petrenko", "direct")]),
    (LEAD + 'In a post on Facebook, Petrenko wrote: "Thank you, volunteers."',
     [("Thank you, volunteers.", "Ana Petrenko", "direct")]),
    (LEAD + '"Thank you, volunteers," Petrenko wrote on X.',
     [("Thank you, volunteers,", "Ana Petrenko", "direct")]),
    ('"Thank you," the mayor\'s office said in an emailed statement.',
     [("Thank you,", "mayor’s office", "direct")]),
    (LEAD + 'Petrenko was blunt: "The money has not arrived."',
     [("The money has not arrived.", "Ana Petrenko", "direct")]),
    # -- follow-on and multi-paragraph quotations
    (LEAD + '"We will rebuild," Petrenko said.\n"The city has done it before, and it will do it again."',
     [("We will rebuild,", "Ana Petrenko", "direct"), ("The city has done it before", "Ana Petrenko", "direct")]),
    (LEAD + '"The first thing we did was count the damaged buildings.\n'
            '"Then we asked the national government for help," Petrenko said.',
     [("The first thing we did", "Ana Petrenko", "direct"), ("Then we asked", "Ana Petrenko", "direct")]),
    ('Mayor Ana Petrenko spoke on Monday.\n"We will rebuild every school," Petrenko said.\n'
     'President Oleh Marchenko has rejected the plan.\n"It is absurd, and it will never happen."',
     [("We will rebuild every school,", "Ana Petrenko", "direct"), ("It is absurd", "Oleh Marchenko", "direct")]),
    # -- partial quotes: the speaker is the subject, never the object
    (LEAD + 'Petrenko called the strike "an act of terror."',
     [("an act of terror", "Ana Petrenko", "partial")]),
    (LEAD + 'Petrenko accused the company of "stealing from pensioners."',
     [("stealing from pensioners", "Ana Petrenko", "partial")]),
    ('Finance Minister Oleh Marchenko said the plan was "dead on arrival."',
     [("dead on arrival", "Oleh Marchenko", None)]),
    (LEAD + 'Petrenko described the response as "slow, but honest."',
     [("slow, but honest", "Ana Petrenko", "partial")]),
    ('Critics say the bill is "a gift to landlords."',
     [("a gift to landlords", "Critics", None)]),
    # -- indirect speech: the content, not the whole sentence
    (LEAD + 'Petrenko said that the schools would reopen in May.',
     [("the schools would reopen in May", "Ana Petrenko", "indirect")]),
    (LEAD + 'The schools will reopen in May, Petrenko said.',
     [("The schools will reopen in May", "Ana Petrenko", "indirect")]),
    (LEAD + 'The schools, Petrenko said, will reopen in May.',
     [("will reopen in May", "Ana Petrenko", "indirect")]),
    (LEAD + 'According to Petrenko, the schools will reopen in May.',
     [("the schools will reopen in May", "Ana Petrenko", "indirect")]),
    ('The schools will reopen in May, according to the city.',
     [("The schools will reopen in May", "city", "indirect")]),
    (LEAD + 'Petrenko told reporters the schools would reopen in May.',
     [("the schools would reopen in May", "Ana Petrenko", "indirect")]),
    ('Police say the driver fled on foot.',
     [("the driver fled on foot", "Police", "indirect")]),
    ('Officials warned that more strikes were likely.',
     [("more strikes were likely", "Officials", "indirect")]),
    ('The ministry confirmed on Tuesday that two soldiers had been wounded.',
     [("two soldiers had been wounded", "ministry", "indirect")]),
    # -- who is speaking
    ('City spokesperson Ivan Kovac said the bridge would stay closed until Friday.',
     [("the bridge would stay closed", "Ivan Kovac", "indirect")]),
    ('"The wards are full," said Dr. Lena Ortiz, an emergency physician at St. Mary\'s Hospital.',
     [("The wards are full,", "Lena Ortiz", "direct")]),
    ('"We saw the flames from the street," one witness said.',
     [("We saw the flames", "witness", "direct")]),
    ('A senior official, speaking on condition of anonymity, said the talks had stalled.',
     [("the talks had stalled", "senior official", "indirect")]),
    ('European Commission President Ursula von der Leyen said the package would be ready within weeks.',
     [("the package would be ready", "Ursula von der Leyen", "indirect")]),
    ('"We are ready," J.K. Rowling told the audience.',
     [("We are ready,", "J.K. Rowling", "direct")]),
    ('"No comment," said Sean O\'Brien, a spokesman for the union.',
     [("No comment,", "Sean O'Brien", "direct")]),
    ('Ms. Petrenko\'s lawyer said the charges would be dropped.',
     [("the charges would be dropped", None, "indirect")]),
    ('Prime Minister Jane Holloway met President John Okafor in Lagos. "We agreed," Holloway said. '
     '"It was a productive meeting," he said.',
     [("We agreed,", "Jane Holloway", "direct"), ("It was a productive meeting,", "John Okafor", "direct")]),
    ('Maria Lopez, 45, said the water rose within minutes.',
     [("the water rose within minutes", "Maria Lopez", "indirect")]),
    ('"The airline regrets the delay," a spokesperson for the airline said.',
     [("The airline regrets the delay,", "spokesperson for the airline", "direct")]),
    ('"We will appeal," said the company\'s lawyer, David Chen.',
     [("We will appeal,", "David Chen", "direct")]),
    ('"We are heartbroken," the family said in a statement released by police.',
     [("We are heartbroken,", "family", "direct")]),
    ('Mr. Obi, who has led the party since 2019, said he would not resign.',
     [("he would not resign", "Obi", "indirect")]),
    ('"It\'s the worst day I can remember," one rescuer told The Associated Press.',
     [("It's the worst day I can remember,", "rescuer", "direct")]),
    ('The UN human rights office said it was "deeply alarmed" by the rising civilian toll.',
     [("deeply alarmed", "UN human rights office", None)]),
    ('"This is a war crime," Zelensky wrote on X, posting a video of the destroyed building.',
     [("This is a war crime,", "Zelensky", "direct")]),
    ('Professor Jane Doe of the University of Oxford said the findings were "significant".',
     [("significant", "Jane Doe", None)]),
    ('The company, which employs 2,000 people, said in a statement that it would cut 300 jobs.',
     [("it would cut 300 jobs", "company", "indirect")]),
    ('Police Scotland said officers were called to the scene at 10pm.',
     [("officers were called to the scene", "Police Scotland", "indirect")]),
    ('"Are we safe here?" asked one mother, holding her baby.',
     [("Are we safe here?", "mother", "direct")]),
    ('Musk, posting on X, called the report "fake news".',
     [("fake news", "Musk", "partial")]),
    ("'It is a disgrace,' said Labour MP Dawn Butler. 'The government must act now.'",
     [("It is a disgrace,", "Dawn Butler", "direct"), ("The government must act now.", "Dawn Butler", "direct")]),
    ('"This is a shameful day," said Sen. Patty Murray, D-Wash., who sponsored the measure.',
     [("This is a shameful day,", "Patty Murray", "direct")]),
    ('Senate Minority Leader John Thune, R-S.D., said the bill was too expensive.',
     [("the bill was too expensive", "John Thune", "indirect")]),
    ('Hamas official Basem Naim accused Israel of "genocide" and said the group was ready for talks.',
     [("genocide", "Basem Naim", "partial"), ("the group was ready for talks", "Basem Naim", "indirect")]),
    ('Prosecutor James Holt said the money was spent on holidays.',
     [("the money was spent on holidays", "James Holt", "indirect")]),
    ('The Environment Agency said its teams had worked through the night. '
     'The agency added that a warning had been issued at 11pm.',
     [("its teams had worked through the night", "Environment Agency", "indirect"),
      ("a warning had been issued at 11pm", "Environment Agency", "indirect")]),
    ('Ukraine\'s Foreign Ministry condemned the strike. "This is terror," the ministry said in a statement.',
     [("This is terror,", "Foreign Ministry", "direct")]),
    ('The chancellor, Angela Merkel, said: „We will manage.“',
     [("We will manage.", "Angela Merkel", "direct")]),
    ('Zelensky said in Kyiv on Tuesday that the talks had failed.',
     [("the talks had failed", "Zelensky", "indirect")]),
    ('Home Secretary Tom Reyes spoke on Monday. Polls suggest that support for the party has fallen sharply.',
     [("support for the party has fallen sharply", "Polls", "indirect")]),
    ('Prime Minister David Lin took questions. Mr Lin insisted the government was "united and focused", '
     'although he conceded that "mistakes were made".',
     [("united and focused", "David Lin", None), ("mistakes were made", "David Lin", None)]),
    ('Petrenko had been saying for weeks that the schools would reopen.',
     [("the schools would reopen", "Petrenko", "indirect")]),
    ('The ministry said on its Telegram channel that two drones were downed.',
     [("two drones were downed", "ministry", "indirect")]),
    ('According to a statement from the ministry, two drones were downed.',
     [("two drones were downed", "ministry", "indirect")]),
    ('Kremlin spokesman Dmitry Peskov told state news agency TASS that the talks were over.',
     [("the talks were over", "Dmitry Peskov", "indirect")]),
    ('Officials in Kyiv, speaking on condition of anonymity, said the strike had hit an energy facility.',
     [("the strike had hit an energy facility", "Officials", "indirect")]),
    # a town too small for the speaker's list of place names is still a place after 'in'
    ('Officials in Kupiansk said the town was shelled overnight.',
     [("the town was shelled overnight", "Officials", "indirect")]),
    ('Authorities in Bucha said two people died.', [("two people died", "Authorities", "indirect")]),
    ('Police said the suspect fled on foot. They added that a second man had been arrested.',
     [("the suspect fled on foot", "Police", "indirect"), ("a second man had been arrested", "Police", "indirect")]),
    ('The deal is close, two sources familiar with the matter told Reuters.',
     [("The deal is close", "sources", "indirect")]),
    ('A source close to the negotiations said the talks would resume on Monday.',
     [("the talks would resume on Monday", "source", "indirect")]),
    ('People briefed on the plan said it would cost billions.',
     [("it would cost billions", "People", "indirect")]),
    ('"We will respond," Defence Minister Ilan Dor was quoted as saying by the Jerusalem Post.',
     [("We will respond,", "Ilan Dor", "direct")]),
    ('The ministry, quoted by the Interfax news agency, said three drones were shot down.',
     [("three drones were shot down", "ministry", "indirect")]),
    ('President Emmanuel Macron, in comments to reporters, said France would not back down.',
     [("France would not back down", "Emmanuel Macron", "indirect")]),
    ('Analysts at Barclays said the downgrade was worse than expected.',
     [("the downgrade was worse than expected", "Analysts at Barclays", "indirect")]),
    ('KYIV, July 10 (Reuters) - Russia pounded Kyiv with drones overnight, killing two people, officials said '
     'on Thursday, as allies gathered in Rome.',
     [("Russia pounded Kyiv with drones overnight, killing two people", "officials", "indirect")]),
    # -- speaker phrases: time asides, affiliations, appositives, connectives
    ('The union last week said at least 400 workers had been laid off.',
     [("at least 400 workers had been laid off", "union", "indirect")]),
    ('Ana Ruiz, a gallery owner, on Tuesday told the Daily Courier the show had sold out.',
     [("the show had sold out", "Ana Ruiz", "indirect")]),
    ('Tom Reyes of Harbor Analytics, a firm that tracks shipping, said the cargo was insured.',
     [("the cargo was insured", "Tom Reyes", "indirect")]),
    ('Mary Smith, principal architect at the firm, said the tower would open in May.',
     [("the tower would open in May", "Mary Smith", "indirect")]),
    ('Ruiz, however, said the gallery would stay open.',
     [("the gallery would stay open", "Ruiz", "indirect")]),
    ('Karl Brandt, appointed head of the board last year, stated to local radio: "We will appeal."',
     [("We will appeal.", "Karl Brandt", "direct")]),
    ('Dr Lena Ortiz explained to the newspaper that the vaccine had been tested on 900 people.',
     [("the vaccine had been tested on 900 people", "Lena Ortiz", "indirect")]),
    ('In a Daily Courier report, Dr Lena Ortiz, vaccine expert at City Hospital, said the trials continue.',
     [("the trials continue", "Lena Ortiz", "indirect")]),
    ('Since then, a Democrat, Paul Hines, has backed the inquiry, telling the Gazette: "Let the committee work."',
     [("Let the committee work.", "Paul Hines", "direct")]),
    ('The mayor of Springfield, Dana Cole, thanked "every volunteer who came out in the rain".',
     [("every volunteer who came out in the rain", "Dana Cole", "partial")]),
    ('Colonel Ivan Petrov commanded the unit. According to him, the bridge was destroyed on Monday.',
     [("the bridge was destroyed on Monday", "Ivan Petrov", "indirect")]),
    ('The agency did not mention the cost, but said repairs were continuing.',
     [("repairs were continuing", "agency", "indirect")]),
    ('A spokesman, Jim Ward, indicated the company was disappointed by the ruling: "We will appeal," he said.',
     [("the company was disappointed by the ruling", "Jim Ward", "indirect"), ("We will appeal,", "Jim Ward", "direct")]),
    ('The case was closed, in the words of the judge, Maria Ferrante, "for want of a single witness."',
     [("for want of a single witness.", "Maria Ferrante", None)]),
    ('"It was a better game than last week", coach Sam Reid said. "We are a forty-minute team. '
     'We need eighty." The visitors opened the scoring.',
     [("It was a better game", "Sam Reid", "direct"), ("We are a forty-minute team.", "Sam Reid", "direct")]),
    ('"We thank every town that applied," said Reid to the crowd at the ceremony.',
     [("We thank every town that applied,", "Reid", "direct")]),
    ('"The ruling is a disgrace," tweeted former union organiser Dana Kerr. "Workers deserve better."',
     [("The ruling is a disgrace,", "Dana Kerr", "direct"), ("Workers deserve better.", "Dana Kerr", "direct")]),
    ('"I am proud of this city" tweeted Mayor of Springfield Dana Cole.',
     [("I am proud of this city", "Dana Cole", "direct")]),
    ('The judge presiding over the trial, Rosa Lind, said, "You have betrayed your family."',
     [("You have betrayed your family.", "Rosa Lind", "direct")]),
    ('Judge Rosa Lind spoke for an hour. Lind went on to say she had considered a longer sentence.',
     [("she had considered a longer sentence", "Rosa Lind", "indirect")]),
    ("The bakery said on last Wednesday they'd run out of flour.",
     [("they'd run out of flour", "bakery", "indirect")]),
    ('The researchers found that river pollution had doubled since 2010.',
     [("river pollution had doubled since 2010", "researchers", "indirect")]),
    ('Broadcaster Tim Vane commented, "The chef with the tusk is a hero."',
     [("The chef with the tusk is a hero.", "Tim Vane", "direct")]),
    ('The Harbour Authority released a statement saying the pier would close. '
     'A spokesperson told the Gazette the repairs would take a year.',
     [("the pier would close", "Harbour Authority", "indirect"), ("the repairs would take a year", "Harbour Authority", "indirect")]),
    ('On Saturday, representatives from Norway acknowledged the permit had been issued by mistake.',
     [("the permit had been issued by mistake", "Norway", "indirect")]),
    ('The Foreign Ministry of Peru characterized the raid as "a grave violation of sovereignty".',
     [("a grave violation of sovereignty", "Foreign Ministry of Peru", "partial")]),
    ('Writing in a column, Tom Hale of The Sun and Star dubbed the dispute "the longest strike in memory".',
     [("the longest strike in memory", "Tom Hale", "partial")]),
    ('In a statement, Mayor Ana Petrenko announced the budget was final. The statement also said taxes would rise.',
     [("the budget was final", "Ana Petrenko", "indirect"), ("taxes would rise", "Ana Petrenko", "indirect")]),
    ('Houthi spokesman Yahya Sarea claimed the attack. "We will strike again," Saree said.',
     [("We will strike again,", "Yahya Sarea", "direct")]),
    ('The chair of the FSA (Food Safety Agency), Ines Roy, has called the recall "overdue".',
     [("overdue", "Ines Roy", "partial")]),
    ('Professor Lena Ortiz, head of the water study, and chair of the river trust, says the river is recovering.',
     [("the river is recovering", "Lena Ortiz", "indirect")]),
    ('The World Health Organization (WHO) issued guidance. WHO say the virus is spreading in the north.',
     [("the virus is spreading in the north", "World Health Organization", "indirect")]),
    ('Karen Hale for the Harbour Trust, says they are reviewing the permits.',
     [("they are reviewing the permits", "Karen Hale", "indirect")]),
    ('According to the Shipping Gazette, the tanker sank. The website yesterday suggested piracy was the likeliest cause.',
     [("the tanker sank", "Shipping Gazette", "indirect"), ("piracy was the likeliest cause", "Shipping Gazette", "indirect")]),
    # -- organisations, acronyms and documents
    ('The Harbour Workers Union (HWU) called a strike. The HWU said the talks had failed.',
     [("the talks had failed", "Harbour Workers Union", "indirect")]),
    ('The Iranian-backed Coastal Defence Front (CDF) announced it had withdrawn from the port.',
     [("it had withdrawn from the port", "Coastal Defence Front", "indirect")]),
    ('The results of the National Water Quality Study were published on Monday. '
     'The report says nitrate levels have doubled since 2010.',
     [("nitrate levels have doubled since 2010", "National Water Quality Study", "indirect")]),
    ("Senator Ada Blum was furious. Blum's statement added, \"The vote was rigged from the start.\"",
     [("The vote was rigged from the start.", "Ada Blum", "direct")]),
    ('According to a survey published by the Daily Courier last week, over 300 shops have closed.',
     [("over 300 shops have closed", "Daily Courier", "indirect")]),
    ('According to a Congressional Budget Office estimate, the bill would cut deficits by $300 billion.',
     [("the bill would cut deficits by $300 billion", "Congressional Budget Office", "indirect")]),
    ('According to Ukrainian figures, 40 drones were shot down overnight.',
     [("40 drones were shot down overnight", "Ukraine", "indirect")]),
    ('The firms emphasized they were working around the clock, according to the Daily Courier report.',
     [("they were working around the clock", "firms", "indirect")]),
    ('According to a Twitter post by Amy Cook, director of the festival, the tusk came from the wall.',
     [("the tusk came from the wall", "Amy Cook", "indirect")]),
    ('Fuel prices rose 14% after the tax took effect, according to the Energy and Petroleum Regulatory Authority.',
     [("Fuel prices rose 14%", "Energy and Petroleum Regulatory Authority", "indirect")]),
    ('Three people were injured, according to the reports.',
     [("Three people were injured", None, "indirect")]),
    ('According to Rathbun the documents were returned by mail.',
     [("the documents were returned by mail", "Rathbun", "indirect")]),
    ('In a statement, the ministry said, "An agreement has been reached."',
     [("An agreement has been reached.", "ministry", "direct")]),
    # -- several quoted fragments, passives with an agent, the subject of the sentence before
    ('Minister Ana Lutz condemned the plan, adding the city will "fight it in every court" and '
     '"never give up the harbour".',
     [("fight it in every court", "Ana Lutz", "partial"), ("never give up the harbour", "Ana Lutz", "partial")]),
    ('Kerr, who was described as "a born troublemaker" by the union, resigned on Monday.',
     [("a born troublemaker", "union", "partial")]),
    ('The ruling was described by Judge Rosa Lind as a "shameful episode".',
     [("shameful episode", "Rosa Lind", "partial")]),
    ('Senator Ada Blum issued a statement on the closure. "We were never consulted. Not once."',
     [("We were never consulted. Not once.", "Ada Blum", "direct")]),
    # -- subjects with a relative clause or a participle aside, partitive and unknown heads
    ('Residents who attended the meeting said they were relieved.',
     [("they were relieved", "Residents", "indirect")]),
    ('The report, released by the state auditor, found that the district had overspent by $2 million.',
     [("the district had overspent", "report", "indirect")]),
    ('"We have waited a long time," one parent told reporters.',
     [("We have waited a long time,", "parent", "direct")]),
    ('A spokesman for the union, David Park, welcomed the decision but warned that shortages remain.',
     [("shortages remain", "David Park", "indirect")]),
    ('"I am not going anywhere," the 34-year-old striker told Sky Sports. "This club is my home."',
     [("I am not going anywhere,", None, "direct"), ("This club is my home.", None, "direct")]),
    # -- the examples: unusual speaker phrases, documents, adjuncts before a that-less clause
    ('"We are thrilled," said gallery owner Ana Ruiz.', [("We are thrilled,", "Ana Ruiz", "direct")]),
    ('"It was a record," the utility said.', [("It was a record,", "utility", "direct")]),
    ('Tenant advocates say rents are too high.', [("rents are too high", "Tenant advocates", "indirect")]),
    ("Ruiz said it's a record year.", [("it's a record year", "Ruiz", "indirect")]),
    ('Ruiz said in her annual letter the show had broken records.',
     [("the show had broken records", "Ruiz", "indirect")]),
    ('According to the lawsuit, the firm ignored repeated warnings.',
     [("the firm ignored repeated warnings", None, "indirect")]),
    # -- descriptions and pronouns: the entity the article introduced
    ('Acme Corp said profits rose. The company said it would hire 200 workers.',
     [("profits rose", "Acme Corp", "indirect"), ("it would hire 200 workers", "Acme Corp", "indirect")]),
    ('The Environment Agency issued a warning. It said rivers would rise overnight.',
     [("rivers would rise overnight", "Environment Agency", "indirect")]),
    ('Officials in Kyiv said the strike killed 3. They said more were missing.',
     [("the strike killed 3", "Officials", "indirect"), ("more were missing", "Officials", "indirect")]),
    ('The Harbour Authority released a statement saying an attack that day on a fuel depot housing '
     'forty workers near the old port produced no casualties.',
     [("an attack that day on a fuel depot", "Harbour Authority", "indirect")]),
    ('The Harbour Authority issued a statement. A spokesperson said the attack began at 7:45 p.m. '
     '"No workers were hurt," read the statement; "we will not be deterred."',
     [("the attack began at 7:45 p.m.", "Harbour Authority", "indirect"),
      ("No workers were hurt,", "Harbour Authority", "direct"), ("we will not be deterred.", "Harbour Authority", None)]),
    ('Actress Doris Day retired in 1973. "I have been through everything," Day said. '
     'Day had one child. She said her first husband had been abusive.',
     [("I have been through everything,", "Doris Day", "direct"),
      ("her first husband had been abusive", "Doris Day", "indirect")]),
    ('"We chose the best sites," said director Ana Ruiz.\nNot all were pleased. Senator Tom Reyes issued a '
     'statement on the decision. "Like many here, I am disappointed."',
     [("We chose the best sites,", "Ana Ruiz", "direct"), ("Like many here, I am disappointed.", "Tom Reyes", "direct")]),
    ('One of the children said, "Sometimes I still have nightmares."',
     [("Sometimes I still have nightmares.", None, "direct")]),
    ('One of them even went as far as to say, "I am glad that they did."',
     [("I am glad that they did.", None, "direct")]),
    ('She did not know the address and said some of her siblings were chained.',
     [("some of her siblings were chained", None, "indirect")]),
    ('The paper also spoke to the Navy, who told it this was unconfirmed.',
     [("this was unconfirmed", "Navy", "indirect")]),
    ('"We will continue searching," 1st Fleet Command head Arba Agung said.',
     [("We will continue searching,", "Arba Agung", "direct")]),
    ('Judge Helen Marsh told Derek Walsh, 58, that he had "betrayed the trust of the most vulnerable".',
     [("betrayed the trust of the most vulnerable", "Helen Marsh", "partial")]),
    ('In a victim impact statement, one customer, who asked not to be named, said: "I trusted him."',
     [("I trusted him.", "customer", "direct")]),
    ('Secretary General Ana Ruiz made a plea to the rebels to stop the war "in the name of humanity".',
     [("in the name of humanity", "Ana Ruiz", "partial")]),
    ('The attacker was identified as Sudesh Amman, 20. Amman, who was described as "knife-obsessed" by the '
     'police, advised her to kill her "kuffar" parents. He told her: "Take a knife and attack."',
     [("knife-obsessed", "police", "partial"), ("Take a knife and attack.", "Sudesh Amman", "direct")]),
    # -- nested attribution: only the innermost statement, with the innermost speaker
    ('The Daily Courier reported Mayor Ana Petrenko said that the schools would reopen by March.',
     [("the schools would reopen by March", "Ana Petrenko", "indirect")]),
    # -- layout: a line without final punctuation is body text when it holds sentences
    ('"We will rebuild every school," Mayor Ana Petrenko said on Monday. Reporting by Sam Lee @samlee',
     [("We will rebuild every school,", "Ana Petrenko", "direct")]),
    # -- quote marks in the wild
    ('„Wir schaffen das," sagte sie. The chancellor, Angela Merkel, said: «We will manage.»',
     [("We will manage.", "Angela Merkel", "direct")]),
    ("''We will rebuild every school,'' Mayor Ana Petrenko said.",
     [("We will rebuild every school,", "Ana Petrenko", "direct")]),
    ('‘‘We will rebuild every school,’’ Mayor Ana Petrenko said.',
     [("We will rebuild every school,", "Ana Petrenko", "direct")]),
    ("``We will rebuild every school,'' Mayor Ana Petrenko said.",
     [("We will rebuild every school,", "Ana Petrenko", "direct")]),
    ('“We will rebuild every school,’’ Mayor Ana Petrenko said.',
     [("We will rebuild every school,", "Ana Petrenko", "direct")]),
    ('"We will rebuild," Mayor Ana Petren\u200bko said.',
     [("We will rebuild,", "Ana Petrenko", "direct")]),
    ('Chancellor Jana Vogel said: “We will manage … somehow — and soon.”',
     [("We will manage … somehow — and soon.", "Jana Vogel", "direct")]),
]

NOTHING = [
    'The weather in the region said nothing about the outcome.',
    'Mayor Ana Petrenko visited. She was told that the flight was cancelled.',
    'It is said that the castle is haunted.',
    'The minister was asked whether he would resign.',
    'She said a prayer for the victims.',
    'He added a new line to the poem.',
    'What she said was not true at all, the court found.',
    'The minister is said to be furious about the leak.',
    'The mayor attended the so-called "peace plan" briefing on Monday.',
    'Petrenko held what aides described as a "substantive" meeting.',
    'The "Fair Streets" program starts in May.',
    'The film "Cold Harbour" opens on Friday.',
    'A group known as the "Iron Mothers" marched to the square.',
    'Petrenko did not say when the schools would reopen.',
    'Russia has claimed to have captured several villages.',
    'Officials called it one of the largest attacks of the war.',
    'Watch: Mayor says "we will rebuild"',
    "The band's ''greatest hits'' album sold well.",
    'The houses which the storm destroyed were rebuilt.',
    'The committee, formed in 2019, met on Tuesday.',
    'Acme added three goals in the second half.',
    'The company reported a profit of $3 billion.',
    'She wrote her first novel in 1998.',
    'The mayor urged voters to reject the plan.',
    'The minister denied the claims.',
    'Prices rise when supply falls.',
    'No organization immediately claimed credit for the attack, but militias had made threats.',
    'She read a book on the train.',
    'One of the bridges collapsed in the storm.',
    'Walsh, of Leeds, admitted 14 counts of fraud at an earlier hearing.',
    'Residents described scenes of chaos.',
    'Meteorologists expect more rain over the weekend.',
    'Ruiz held a video call with leaders of the "coalition of the willing."',
    'Ruiz made a statement about the "Fair Streets" programme.',
    'He stood in the "red zone" for hours.',
    'The council met on Tuesday. It voted to close the road.',
    'More than 5,000 drones were reported to have been launched last month.',
    '"Unclosed quote at the end of the line and nothing else',
    'The United States Senate passed the bill on Monday.',
    'Police found the car abandoned near the bridge.',
    'That was the largest barrage of the year, according to AFP analysis of official data.',
    'The college ran a program called "Learning Together" for ten years.',
    'The company posted the news on "The Browser Countdown" last week.',
    'In the deal, both sides agreed on a line as their shared border that would give each a port.',
    'The committee commented on the budget.',
    'The United States imposed sanctions on the firm.',
    'In a Daily Courier report published on Monday, the figures were revised.',
    'A mayor of Springfield once ran a bakery.',
    'Stray ” mark here. And another “ one.',
    'Russian strikes on Kyiv: what we know so far',
]


def _norm(s: str | None) -> str:
    return (s or "").replace("’", "'")


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_statements_found(text, expected):
    found = extract_quotes(text)
    got = [(q.text, q.speaker.name if q.speaker else None, q.kind) for q in found]
    assert len(found) == len(expected), got
    for (words, speaker, kind), q in zip(expected, found):
        assert _norm(words) in _norm(q.text), got
        if speaker is None:
            assert q.speaker is None or q.speaker.name is None or "lawyer" in q.speaker.name, got
        else:
            assert q.speaker is not None and _norm(q.speaker.name) == _norm(speaker), got
        if kind is not None:
            assert q.kind == kind, got
        assert text[q.start:q.end] == q.text


@pytest.mark.parametrize("text", NOTHING)
def test_nothing_found(text):
    assert [q.text for q in extract_quotes(text)] == []


@pytest.mark.parametrize("text", [
    '"' * 7 + " odd marks \u201c\u201c\u201d everywhere ' ' \u2018",
    "\n\n\n",
    "",
    "No punctuation at all and no quotes either",
    '"' + "word " * 3000,
])
def test_odd_input_never_crashes(text):
    extract_quotes(text)


def test_stray_mark_does_not_shift_later_pairs():
    text = ('The statement had a stray ” mark in it.\n'
            '"We will rebuild," Mayor Ana Petrenko said.')
    found = extract_quotes(text)
    assert [(q.text, q.speaker.name) for q in found] == [("We will rebuild,", "Ana Petrenko")]


_ALPHABET = st.sampled_from(list('abcdefghij ABCDEFG.,;:!?\n"“”„«»‘’\'—-–…()0123456789') +
                            ["said", " said ", "Mr ", "according to ", "told reporters", "he ", "She "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=200).map("".join))
def test_any_text_gives_true_spans_and_never_raises(text):
    for q in extract_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.kind in ("direct", "partial", "indirect")
        if q.speaker is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.mention


# Whole (invented) articles: who says what across paragraphs, pronouns and descriptions included.
ARTICLES = [
    ((
        "A judge in Manchester has jailed a former care worker for eight years.\n\n"
        "Judge Andrew Lee told her she had carried out \"a calculated and cruel betrayal of trust\".\n\n"
        "Prosecutor James Holt said Collins had taken bank cards from residents' rooms over three years.\n\n"
        "In a statement read to the court, the daughter of one victim said her mother had been left "
        "\"frightened and ashamed\".\n\n"
        "Detective Inspector Mark Price, of Greater Manchester Police, said after the hearing: "
        "\"This was a despicable crime.\"\n"),
     [("calculated and cruel betrayal", "Andrew Lee"), ("Collins had taken bank cards", "James Holt"),
      ("frightened and ashamed", "daughter of one victim"), ("This was a despicable crime.", "Mark Price")]),
    ("Brentford boss Thomas Frank was delighted with the point. \"It's a fantastic result for us,\" the Dane said. "
     "\"The players were unbelievable.\"\n",
     [("It's a fantastic result for us,", "Thomas Frank"), ("The players were unbelievable.", "Thomas Frank")]),
    ("Residents of a flooded village in Somerset say they were given no warning before the river burst its banks.\n\n"
     "Pensioner Margaret Hill, 78, said she woke at 3am to find water in her kitchen. \"Everything is ruined,\" she said.\n\n"
     "Her neighbour, John Pike, said the agency had promised to improve defences but \"nothing has been done\".\n\n"
     "Local MP Sarah Dyke called for an urgent review. \"People deserve answers,\" she told the PA news agency.\n",
     [("they were given no warning", "Residents"), ("she woke at 3am", "Margaret Hill"),
      ("Everything is ruined,", "Margaret Hill"), ("nothing has been done", "John Pike"),
      ("People deserve answers,", "Sarah Dyke")]),
]


@pytest.mark.parametrize("text, expected", ARTICLES, ids=["court", "sport", "floods"])
def test_articles(text, expected):
    found = extract_quotes(text)
    got = [(q.text, q.speaker.name if q.speaker else None) for q in found]
    assert len(found) == len(expected), got
    for (words, speaker), q in zip(expected, found):
        assert _norm(words) in _norm(q.text), got
        assert q.speaker is not None and _norm(q.speaker.name) == _norm(speaker), got


@pytest.mark.parametrize("text, place", [
    ("Zelensky said in Kyiv on Tuesday that the talks had failed.", "Kyiv"),
    ("Speaking in Rome, Meloni said the conference had raised billions.", "Rome"),
    ('"We will rebuild," Meloni said in Rome.', "Rome"),
    ("He said in a statement that the plan was dead.", None),
])
def test_where_it_was_said(text, place):
    [q] = extract_quotes(text)
    assert q.place == place


def test_a_dateline_is_not_part_of_what_was_said():
    [q] = extract_quotes("KYIV, July 10 (Reuters) - Russia pounded Kyiv overnight, officials said.")
    assert q.text.startswith("Russia pounded Kyiv")


def test_name_lookups_grow_with_distinct_names_not_with_length():
    """Cost stays linear: a text repeated eight times compares surnames no more often than once."""
    from archive.extract import _quotes
    from archive.extract.speakers import ArticleSpeakers
    from archive.extract.text import paragraphs

    one = ('Mayor Ana Petrenko visited the school. "We will rebuild," Petrenko said. '
           'Minister Oleh Marchenko disagreed. "It is absurd," Marchenko told reporters.\n\n') * 5

    def comparisons(text: str) -> int:
        paras = paragraphs(text, 0, len(text))
        speakers = ArticleSpeakers()
        speakers.learn_names([s.tokens for p in paras for s in p.sentences])
        found = _quotes(text, paras, speakers)
        assert len(found) == text.count('," ')
        return len(speakers._surname_match)

    assert comparisons(one * 8) == comparisons(one)


@pytest.mark.parametrize("text, reason", [
    ('"We will rebuild," he said.', "pronoun 'he' with no earlier speaker"),
    ('According to the lawsuit, the firm ignored repeated warnings.', "a document the article does not name"),
    ('"It is over," the minister said.', "a role the article gives no named person"),
    ('"We will rebuild," Mayor Ana Petrenko said.', None),
])
def test_a_statement_without_a_speaker_name_says_why(text, reason):
    (q,) = extract_quotes_with_reasons(text)
    assert (q.speaker_reason is None) if reason is None else reason in q.speaker_reason


def extract_quotes_with_reasons(text: str):
    from archive.clean import clean
    from archive.extract import extract
    from archive.types import RawArticle

    return extract(clean(RawArticle("a.txt", "/a.txt", text, "txt"))).quotes
