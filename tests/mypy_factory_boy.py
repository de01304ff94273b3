"""A mypy plugin: calling a factory_boy factory gives the model it makes.

factory_boy types `PersonFactory.create()` as the model of `DjangoModelFactory[Person]`, but
`PersonFactory()`, which its metaclass turns into the same call, as a `PersonFactory`, and
mypy cannot be told otherwise (python/mypy#14122, a metaclass's `__call__`). The tests call
factories this way, so this plugin types such a call as the factory's model.
"""

from collections.abc import Callable

from mypy.maptype import map_instance_to_supertype
from mypy.nodes import TypeInfo
from mypy.plugin import FunctionContext, Plugin
from mypy.types import AnyType, Instance, Type, get_proper_type

BASE_FACTORY = "factory.base.BaseFactory"


class FactoryCallPlugin(Plugin):
    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        symbol = self.lookup_fully_qualified(fullname)
        if symbol and isinstance(symbol.node, TypeInfo) and symbol.node.has_base(BASE_FACTORY):
            return made_by_factory
        return None


def made_by_factory(ctx: FunctionContext) -> Type:
    """The `T` of the factory's `BaseFactory[T]`, or the factory itself if it names none."""
    factory = get_proper_type(ctx.default_return_type)
    if not isinstance(factory, Instance):
        return ctx.default_return_type
    base = next(info for info in factory.type.mro if info.fullname == BASE_FACTORY)
    made = map_instance_to_supertype(factory, base).args[0]
    return ctx.default_return_type if isinstance(get_proper_type(made), AnyType) else made


def plugin(version: str) -> type[Plugin]:
    return FactoryCallPlugin
