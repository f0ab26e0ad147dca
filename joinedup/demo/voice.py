"""The child's own voice for the demo: All About Me and communication profiles, made-up phrases."""

from __future__ import annotations

from joinedup.demo.plan import AboutMePlan, CommunicationPlan, Source
from joinedup.people.choices import Need, WrittenBy

_LIKES = {
    "little": (
        "I love bubbles and splashing in the bath.",
        "The swings at the park, the higher the better.",
        "Nursery rhymes, especially the ones with actions.",
        "Cuddles on the sofa with my mum.",
        "Lights that spin and change colour.",
        "My soft rabbit goes everywhere with me.",
    ),
    "child": (
        "Swimming on Saturdays with my dad.",
        "Trains, especially steam trains.",
        "Drawing with felt tips.",
        "Dinosaurs: I know all their names.",
        "Watching the same cartoon again and again.",
        "Trampolining.",
        "Baking cakes with my nan.",
        "Football in the garden with my brother.",
        "Music, loud!",
        "Minecraft.",
        "Going to the farm to see the animals.",
    ),
    "teen": (
        "Gaming online with my friends.",
        "Music: I have my headphones on all the time.",
        "Youth club on Thursdays.",
        "Drawing manga characters.",
        "Cooking: I can make pasta on my own now.",
        "Football. I support Northtown.",
        "Wheelchair basketball.",
        "Horse riding at the stables.",
        "Videos about buses and timetables.",
    ),
    "adult": (
        "Going into town with my friends.",
        "Cooking my own tea.",
        "My placement at the garden centre.",
        "Going to gigs.",
        "The gym on Tuesdays.",
    ),
}
_DISLIKES = (
    "Loud noises like hand dryers.",
    "When plans change and nobody tells me.",
    "Crowds and queues.",
    "Having my hair washed.",
    "Waiting.",
    "Being rushed in the morning.",
    "Scratchy labels in my clothes.",
    "People talking about me as if I'm not there.",
    "Long hospital appointments.",
    "Busy supermarkets.",
)
_LITTLE_MATTERS = (
    "Cuddles, and being close to Mum and Dad.",
    "My routine: milk, bath, story, bed.",
    "Being warm and comfortable.",
    "Seeing my nan.",
)
_MATTERS = (
    "My family, and seeing my nan every week.",
    "Having my routine the same every day.",
    "Being with my friends at school.",
    "My dog, Biscuit.",
    "Doing things for myself.",
    "Staying well and out of hospital.",
    "Being listened to.",
    "Having my own space when I need it.",
)
_GOALS = (
    "To live in my own flat with some help.",
    "To go to college with my friends.",
    "To travel on the bus on my own.",
    "To learn to cook properly.",
    "To have a paid job.",
)
_AMBITIONS = {
    "little": ("To enjoy nursery and make friends.", "To say more words and signs.", "To sit up on my own."),
    "child": (
        "I want to be a firefighter.",
        "I want to go to a theme park.",
        "I want to ride a bike.",
        "I want to make videos.",
    ),
    "teen": (
        "I want to work in a café.",
        "I want to be a vet nurse.",
        "I want to pass my exams and go to college.",
        "I want to be a chef.",
    ),
    "adult": ("I want a job working with animals.", "I want to share a house with friends."),
}
_SUPPORT: dict[str, tuple[str, str]] = {
    Need.AUTISM_COMMUNICATION: (
        "Tell me what is happening next with my now-and-next board.",
        "Warn me before things change.",
    ),
    Need.LEARNING_DISABILITY: ("Use short sentences and show me pictures.", "Show me how, then let me try."),
    Need.PHYSICAL_DISABILITY: (
        "Ask before you move me and tell me where we are going.",
        "I need two people and my hoist to transfer.",
    ),
    Need.COMPLEX_HEALTH: ("Follow my care plan: my feeds are at 12 and 4.", "If I have a seizure, time it."),
    Need.MENTAL_HEALTH: ("If I go quiet, give me space and check in later.", "Don't make a fuss in front of others."),
    Need.SENSORY_IMPAIRMENT: ("Face me when you talk so I can see your lips.", "Tell me who you are when you come in."),
    Need.LIFE_LIMITING: ("Keep me comfortable and tell Mum if I seem in pain.", "Let me rest when I'm tired."),
}
_HOW_I_COMMUNICATE: dict[str, tuple[str, ...]] = {
    Need.AUTISM_COMMUNICATION: (
        "I use some words and Makaton signs. If I repeat what you say, I'm thinking.",
        "I speak in short sentences. When I'm anxious I stop talking.",
    ),
    Need.LEARNING_DISABILITY: ("I use Makaton and single words. I point to show you what I want.",),
    Need.PHYSICAL_DISABILITY: (
        "I talk with my eye-gaze device. I look up for yes and away for no.",
        "I speak slowly and clearly; please don't finish my sentences.",
    ),
    Need.COMPLEX_HEALTH: ("I smile and make sounds when I'm happy; I go very still when I'm not.",),
    Need.MENTAL_HEALTH: ("I talk well but find it hard to say how I feel. I can write it down.",),
    Need.SENSORY_IMPAIRMENT: (
        "I use British Sign Language (BSL) and lip-read a little.",
        "I know people by their voices.",
    ),
    Need.LIFE_LIMITING: ("I use facial expressions and a few signs; my family read me best.",),
}
_AIDS: dict[str, str] = {
    Need.AUTISM_COMMUNICATION: "PECS book, now-and-next board, visual timetable",
    Need.LEARNING_DISABILITY: "Makaton, symbol cards",
    Need.PHYSICAL_DISABILITY: "Eye-gaze device, yes and no cards",
    Need.COMPLEX_HEALTH: "Objects of reference, communication board",
    Need.MENTAL_HEALTH: "Feelings cards, a small whiteboard",
    Need.SENSORY_IMPAIRMENT: "BSL interpreter for meetings, radio aid at school",
    Need.LIFE_LIMITING: "Objects of reference",
}
_WHAT_WORKS = (
    "Short sentences, one thing at a time.",
    "Pictures, and showing me.",
    "A quiet room with one person talking.",
    "Talking while we do something side by side.",
    "Giving me time to answer: count to ten in your head.",
)
_WHAT_TO_AVOID = (
    "Lots of questions at once.",
    "Busy, noisy rooms.",
    "Talking over me to my mum.",
    "Sarcasm: I take words literally.",
    "Touching me without telling me first.",
)
_ABOUT = (
    "People say I have a great laugh.",
    "I'm funny and kind.",
    "I'm cheeky and I love a joke.",
    "I'm very determined.",
    "I'm quiet until I get to know you.",
)


def band(age: int) -> str:
    return "little" if age < 5 else "child" if age < 12 else "teen" if age < 19 else "adult"


def about_me_for(
    src: Source, *, known_as: str, age: int, needs: tuple[str, ...], school: str, force: bool = False
) -> AboutMePlan | None:
    """A few sentences in the child's voice; about one in seven children has none written yet."""
    if not force and src.chance(0.15):
        return None
    b, pick = band(age), src.rng.sample
    where = f" and I go to {school}" if school and school != "Home educated" else ""
    return AboutMePlan(
        about_me=f"My name is {known_as}. I'm {age or 'a baby'}{where}. {src.rng.choice(_ABOUT)}",
        what_matters_to_me=" ".join(pick(_LITTLE_MATTERS if b == "little" else _MATTERS, 2)),
        life_goals=src.rng.choice(_GOALS) if b in ("teen", "adult") else "",
        ambitions=src.rng.choice(_AMBITIONS[b]),
        likes=" ".join(pick(_LIKES[b], 3)),
        dislikes=" ".join(pick(_DISLIKES, 2)),
        how_to_support_me=" ".join(_SUPPORT[n][0] for n in needs[:2]) + " " + _SUPPORT[needs[0]][1],
        written_by=_written_by(src, age, needs),
    )


def _written_by(src: Source, age: int, needs: tuple[str, ...]) -> str:
    if age < 5:
        return WrittenBy.ON_BEHALF
    if age < 12 or needs[0] in (Need.LIFE_LIMITING, Need.COMPLEX_HEALTH):
        return WrittenBy.WITH_SUPPORT if src.chance(0.6) else WrittenBy.ON_BEHALF
    return WrittenBy.OWN_WORDS if src.chance(0.6) else WrittenBy.WITH_SUPPORT


def communication_for(src: Source, *, needs: tuple[str, ...]) -> CommunicationPlan | None:
    """How the child communicates, led by their main need; one in five is not yet filled in."""
    if src.chance(0.2):
        return None
    main = needs[0]
    return CommunicationPlan(
        how_i_communicate=src.rng.choice(_HOW_I_COMMUNICATE[main]),
        communication_aids=_AIDS[main] if src.chance(0.7) else "",
        what_works=" ".join(src.rng.sample(_WHAT_WORKS, 2)),
        what_to_avoid=" ".join(src.rng.sample(_WHAT_TO_AVOID, 2)),
    )
