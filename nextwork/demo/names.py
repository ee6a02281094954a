"""Synthetic Danish names and texts for demo data. Any likeness to real people is coincidental."""

FIRST_NAMES = (
    "Emma", "Ida", "Clara", "Freja", "Laura", "Sofie", "Anna", "Maja", "Alma", "Ella", "Josefine", "Mathilde",
    "Nanna", "Amalie", "Sara", "Cecilie", "Julie", "Line", "Mette", "Signe", "Noah", "William", "Oscar", "Lucas",
    "Carl", "Victor", "Malthe", "Emil", "Magnus", "Frederik", "Oliver", "Alfred", "Mikkel", "Jonas", "Mads",
    "Rasmus", "Kasper", "Tobias", "Sebastian", "Ahmad", "Yusuf", "Zainab", "Aisha", "Mohammed", "Leila", "Omar",
    "Sana", "Ali", "Mia", "Asger",
)
LAST_NAMES = (
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen",
    "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Frederiksen", "Lund", "Holm", "Schmidt",
    "Eriksen", "Kristiansen", "Simonsen", "Clausen", "Svendsen", "Andreasen", "Iversen", "Jeppesen", "Vestergaard",
    "Østergaard", "Hussein", "Ahmed", "Yilmaz",
)
DREAM_TRADES = (
    "Smed", "Tømrer", "Kok", "Frisør", "Mekaniker", "Pædagogmedhjælper", "Lagerarbejder", "Butiksassistent",
    "Gartner", "Elektriker", "Social- og sundhedshjælper", "Grafisk designer", "IT-supporter", "Maler",
    "Dyrepasser", "Bager", "Chauffør", "Kontorelev", "Tjener", "Murer",
)
INTERESTS = (
    "Gaming", "Fodbold", "Musik", "Tegning", "Madlavning", "Biler", "Fitness", "Dyr", "Film", "Natur",
    "Mode", "Computere", "Cykler", "Fiskeri", "Skrivning",
)
EDUCATION = (
    "Folkeskolens 9. klasse", "Folkeskolens 10. klasse", "Påbegyndt HF, afbrudt", "Påbegyndt EUD (tømrer), afbrudt",
    "STX-student", "Påbegyndt HHX, afbrudt", "FGU, 1 år", "Ingen afsluttet uddannelse",
)
WORK = (
    "Fritidsjob i supermarked", "Avisbud i to år", "Kortvarigt job på lager", "Ingen erhvervserfaring",
    "Praktik i børnehave", "Opvasker på restaurant", "Sæsonarbejde i landbruget",
)
CONVERSATION_TEXTS = (
    "Snak om ønsker til praktik; vil gerne prøve noget med hænderne.",
    "Har haft en hård uge, sover dårligt. Aftalt at tage med til netværksgruppen på torsdag alligevel.",
    "Gennemgik praktikønsker efter matchevent. Er spændt på at starte.",
    "Telefonopkald: har været syg, kommer igen næste uge.",
    "Fortalte om første uge i praktik – glad for kollegerne.",
    "Vil gerne have flere timer i praktikken. Taler med virksomheden.",
    "Overvejer uddannelse som smed. Aftalt besøg på erhvervsskolen.",
    "Har mistet motivationen lidt; aftalt et kortere forløb med løntimer.",
)
PSYCHOLOGIST_TEXTS = (
    "Samtale om angst i større grupper. Øvelser før næste netværksmøde.",
    "Opfølgning: søvnen er bedre. Fortsat støtte før matchevent.",
    "Drøftede bekymringer om at blive brugt som gratis arbejdskraft.",
)
STREETS = ("Algade", "Hovedgaden", "Skovvej", "Stationsvej", "Møllevej", "Kirkevej", "Søndergade", "Vestergade")
