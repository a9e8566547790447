"""The access log: every read of a person's record, note or document is written in the same
transaction as the read. The short ways to do it from a view:

    @login_required
    @permission_required("casework.view_person", raise_exception=True)
    @logged_read                      # the view runs in one transaction
    def person_detail_view(request, pk):
        person = get_object_or_404(Person, pk=pk)
        record_read(request, person=person)           # channel from the request (UI/API/admin)
        return render(request, ...)                   # render() inside, not a lazy TemplateResponse

    class NoteDetailView(AccessLoggedMixin, RetrieveAPIView):   # logs each GET's get_object()
        ...

A failure to write the log row is then an error (HTTP 500), never a read served unlogged."""

from functools import wraps

from django.db import connection, transaction

from casework.models import AccessLog, Person


def access_record(*, user, person: Person | str, obj=None, action: str = AccessLog.Action.VIEW,
                  channel: str = AccessLog.Channel.UI) -> AccessLog:
    """Logs that ``user`` read ``obj`` (default: the person record itself). Call it inside the
    request's transaction, before the response is built, so a read is never served unlogged."""
    person_id = person.pk if isinstance(person, Person) else person
    obj = obj if obj is not None else person
    with transaction.atomic():
        return AccessLog.objects.create(
            user=user, person_id=person_id, action=action, channel=channel,
            object_type=obj._meta.model_name, object_id=obj.pk)


def access_record_many(*, user, objects, action: str = AccessLog.Action.VIEW,
                       channel: str = AccessLog.Channel.UI) -> int:
    """``access_record`` for many reads at once (a calendar or register showing several people):
    ``objects`` are records with a ``person_id`` (or people themselves), all of one model."""
    objects = list(objects)
    if not objects:
        return 0
    return access_record_ids(
        user=user, object_type=objects[0]._meta.model_name, action=action, channel=channel,
        reads=[(obj.pk if isinstance(obj, Person) else obj.person_id, obj.pk) for obj in objects])


def access_record_ids(*, user, object_type: str, reads: list[tuple], action: str = AccessLog.Action.VIEW,
                      channel: str = AccessLog.Channel.UI) -> int:
    """The reads ``(person id, object id)`` of objects of ``object_type``, in one INSERT (a busy
    week's calendar logs hundreds; building a model instance for each would cost more than the
    page)."""
    if not reads:
        return 0
    table = AccessLog._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, at, user_id, person_id, action, object_type, object_id, channel) "  # noqa: S608
            "SELECT gen_random_uuid(), now(), %s, person_id, %s, %s, object_id, %s "
            "FROM unnest(%s::uuid[], %s::uuid[]) AS reads(person_id, object_id)",
            [user.pk, action, object_type, channel, [str(person) for person, _obj in reads],
             [str(obj) for _person, obj in reads]])
    return len(reads)


def channel_of(request) -> str:
    """Through which door a request came: the API, the admin, or the staff pages."""
    path = request.path
    if path.startswith("/api/"):
        return AccessLog.Channel.API
    if path.startswith("/admin/"):
        return AccessLog.Channel.ADMIN
    return AccessLog.Channel.UI


def record_read(request, *, person: Person | str, obj=None, action: str = AccessLog.Action.VIEW) -> AccessLog:
    """``access_record`` for the request's user, through the request's channel."""
    return access_record(user=request.user, person=person, obj=obj, action=action, channel=channel_of(request))


def logged_read(view):
    """Decorates a staff page that shows a person's data: the view (its ``record_read`` call and
    the data it reads) runs in one transaction, so a failure to log is an error, never a read
    served unlogged."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with transaction.atomic():
            return view(request, *args, **kwargs)

    return wrapper


class AccessLoggedMixin:
    """For DRF views that read a person's data: the request runs in one transaction and every
    object ``get_object()`` returns to a read (GET) is logged. ``person_of`` says whose record an
    object belongs to (default: the object itself if a Person, else its ``person``); call
    ``log_read`` for anything else the view reads."""

    access_action: str = AccessLog.Action.VIEW

    def dispatch(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().dispatch(request, *args, **kwargs)

    def person_of(self, obj) -> Person:
        return obj if isinstance(obj, Person) else obj.person

    def log_read(self, *, person: Person | str, obj=None, action: str | None = None) -> AccessLog:
        return record_read(self.request, person=person, obj=obj, action=action or self.access_action)

    def get_object(self):
        obj = super().get_object()
        if self.request.method in ("GET", "HEAD"):
            self.log_read(person=self.person_of(obj), obj=obj)
        return obj
